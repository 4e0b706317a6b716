"""`make bench`'s PDF figures: pages a second on one core and character error rate, on the
corpus PDFs made from a known text, for each way of reading a text layer (ours with PDFium,
pdfplumber as before, pypdfium2's plain text as the bound), and for OCR of the scans."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "documents"
TRUTH = ROOT / "corpus" / "truth"


def pdf_paths() -> dict[str, list[Path]]:
    """The corpus PDFs made from a known text, by the way they are read."""
    paths: dict[str, list[Path]] = {"text": [], "tables": [], "ocr": []}
    for truth in sorted(TRUTH.glob("*.txt")):
        path = "ocr" if truth.stem.endswith("_scan") else "tables" if truth.stem.startswith("kh_bang") else "text"
        paths[path].append(truth)
    return paths


def _plain_pdfium(data: bytes) -> str:
    """pypdfium2's own text of every page, no layout: the speed a reader can approach."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


PDF_READERS = ("pdfium", "pdfplumber", "pypdfium2_plain")  # ours, the one it replaced, the bound


def bench_pdf(min_seconds: float = 1.0) -> dict[str, Any]:
    """Pages/s on one core and CER, on the same PDFs, for each way of reading a text layer
    (each reader repeated until it has run `min_seconds`); OCR once over the scans."""
    from pipeline.parse import parse_file
    from pipeline.parse.pdf import parse_pdf_with_pdfplumber

    from .cer import cer

    def read(reader: str, path: Path) -> str:
        if reader == "pdfium":
            return parse_file(path).text
        if reader == "pdfplumber":
            return parse_pdf_with_pdfplumber(path.read_bytes()).text
        return _plain_pdfium(path.read_bytes())

    out: dict[str, Any] = {}
    os.environ["OCOP_OCR_THREADS"] = "1"  # one core: a scan's pages one after the other
    for kind, truths in pdf_paths().items():
        pdfs = [(CORPUS / f"{truth.stem}.pdf", truth.read_text(encoding="utf-8")) for truth in truths]
        pages = sum(_pages_of(path) for path, _ in pdfs)
        readers = ("pdfium",) if kind == "ocr" else PDF_READERS
        rates: dict[str, list[float]] = {r: [] for r in readers}
        seconds = dict.fromkeys(readers, 0.0)
        rounds = dict.fromkeys(readers, 0)
        # The readers take turns, round after round, so that a change of the machine's speed
        # (it swings twofold over a day) falls on each alike; a reader sits out the rounds
        # once it has run `min_seconds` (pdfplumber's first round is enough).
        while True:
            turn = [r for r in readers if rounds[r] == 0 or (kind != "ocr" and seconds[r] < min_seconds)]
            if not turn:
                break
            for reader in turn:
                for path, truth in pdfs:
                    start = time.perf_counter()
                    text = read(reader, path)
                    seconds[reader] += time.perf_counter() - start
                    if rounds[reader] == 0:
                        rates[reader].append(cer(text, truth))
                rounds[reader] += 1
        for reader in readers:
            key = kind if reader == "pdfium" else f"{kind}_{reader}"
            out[f"pdf_{key}_pages_per_s"] = round(pages * rounds[reader] / seconds[reader], 2)
            out[f"cer_{key}_pdf"] = round(sum(rates[reader]) / len(rates[reader]), 4)
            out[f"cer_{key}_pdf_worst"] = round(max(rates[reader]), 4)
            out[f"pdf_{key}_pages"] = pages
    out["cer_scanned_pdf"] = out["cer_ocr_pdf"]
    out["ocr_s_per_page"] = round(1 / out["pdf_ocr_pages_per_s"], 2)
    os.environ.pop("OCOP_OCR_THREADS", None)  # now the pages of a scan side by side, one a core
    pdfs = [CORPUS / f"{truth.stem}.pdf" for truth in pdf_paths()["ocr"]]
    start = time.perf_counter()
    for path in pdfs:
        parse_file(path)
    out["pdf_ocr_parallel_pages_per_s"] = round(out["pdf_ocr_pages"] / (time.perf_counter() - start), 2)
    # how many times slower than pypdfium2's plain text the layout-aware reading is
    out["pdf_text_vs_plain"] = round(out["pdf_text_pypdfium2_plain_pages_per_s"] / out["pdf_text_pages_per_s"], 2)
    return out


def _pages_of(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return len(pdf)
    finally:
        pdf.close()

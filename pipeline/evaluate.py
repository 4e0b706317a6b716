"""Score extraction records against a gold folder (`NAME.txt` + `NAME.json`).

Follows the rules of the project's gold README: set fields compared after folding
(case, tone placement, `UBND`/`Ủy ban nhân dân`, dashes in symbols); references strict
on date and issuer; targets matched one to one by value and unit and counted only with
comparator and year right. The overall score is the mean of the six fields' F1 and the
document accuracy. A test checks that it agrees with the shared scorer where that exists.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

_TONES = set("\u0300\u0301\u0303\u0309\u0323")
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"


def tone_fold(text: Any) -> str:
    def fold_word(m: re.Match[str]) -> str:
        word = unicodedata.normalize("NFD", m.group())
        tones = "".join(c for c in word if c in _TONES)
        return unicodedata.normalize("NFC", "".join(c for c in word if c not in _TONES) + tones)

    s = unicodedata.normalize("NFC", str(text).lower().replace("\u00f0", "đ"))
    return re.sub(r"\w+", fold_word, s)


_ISSUER_PHRASES = [
    (re.compile(r"(?<!\w)" + re.escape(tone_fold(a)) + r"(?!\w)"), tone_fold(b))
    for a, b in [
        ("ủy ban nhân dân", "ubnd"), ("hội đồng nhân dân", "hđnd"),
        ("nông nghiệp và phát triển nông thôn", "nn&ptnt"), ("nông nghiệp & phát triển nông thôn", "nn&ptnt"),
        ("nông nghiệp và ptnt", "nn&ptnt"), ("nông nghiệp & ptnt", "nn&ptnt"), ("nn và ptnt", "nn&ptnt"),
        ("nn & ptnt", "nn&ptnt"), ("nn-ptnt", "nn&ptnt"), ("tp", "thành phố"),
    ]
]


def fold_issuer(text: Any) -> str:
    s = re.sub(r"\btp\.\s*", "tp ", tone_fold(text or ""))
    for pattern, repl in _ISSUER_PHRASES:
        s = pattern.sub(repl, s)
    return " ".join(re.sub(r"[^\w&]+", " ", s).split())


_PROVINCE_ALIASES = {tone_fold(a): tone_fold(b) for a, b in [
    ("thành phố hồ chí minh", "hồ chí minh"), ("tp hồ chí minh", "hồ chí minh"), ("huế", "thừa thiên huế")]}


def fold_province(text: Any) -> str:
    s = " ".join(re.sub(r"[" + _DASHES + r".,]", " ", tone_fold(text or "")).split())
    s = re.sub(r"^(" + "|".join(map(tone_fold, ["tỉnh", "thành phố", "tp"])) + r")\s+", "", s)
    return _PROVINCE_ALIASES.get(s, s)


def fold_number(text: Any) -> str:
    s = unicodedata.normalize("NFC", str(text or "")).upper().replace("\u00d0", "Đ")
    return re.sub(r"[\s" + _DASHES + r"]", "", s.replace("\u2044", "/").replace("\u2215", "/"))


def fold_date(text: Any) -> str:
    return str(text or "").strip()[:10]


def _fold_unit(text: Any) -> str:
    # List punctuation folded: `doanh nghiệp, hợp tác xã` is `doanh nghiệp hợp tác xã`.
    s = " ".join(re.sub(r"[,;/]", " ", tone_fold(text or "")).split())
    return "%" if s in ("%", tone_fold("phần trăm")) else s


def _unit_match(a: Any, b: Any) -> bool:
    a, b = _fold_unit(a), _fold_unit(b)
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _same_value(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return False


def _same_scope(g: dict, p: dict) -> bool:
    """Do a target's `per` (the unit it is set for each of) and `value_max` (a range's upper
    bound) agree with the gold's?"""
    if _fold_unit(g.get("per") or "") != _fold_unit(p.get("per") or ""):
        return False
    if g.get("value_max") is None or p.get("value_max") is None:
        return g.get("value_max") is None and p.get("value_max") is None
    return _same_value(g["value_max"], p["value_max"])


SET_FIELDS: dict[str, Callable[[Any], str]] = {
    "doc_numbers": fold_number, "dates": fold_date, "issuers": fold_issuer, "provinces": fold_province,
}
DOC_FIELDS: dict[str, Callable[[Any], str]] = {
    "type": tone_fold, "number": fold_number, "date": fold_date, "issuer": fold_issuer,
}


class _Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _match(gold: list, pred: list, same: Callable[[Any, Any], bool]) -> tuple[list, list, list]:
    free, pairs, extra = list(gold), [], []
    for p in pred:
        for i, g in enumerate(free):
            if same(g, p):
                pairs.append((free.pop(i), p))
                break
        else:
            extra.append(p)
    return pairs, free, extra


def score(gold_dir: Path, predictions: dict[str, dict]) -> dict[str, Any]:
    """`predictions` maps a gold NAME (file stem) to its record."""
    fields = [*SET_FIELDS, "references", "references.number", "targets", "targets.value_unit"]
    tallies = {f: _Tally() for f in fields}
    accuracy: dict[str, list[bool]] = {"kind": [], **{f"document.{f}": [] for f in DOC_FIELDS}}
    scope: list[bool] = []  # per and value_max of the strictly matched targets that carry them
    misses: list[dict[str, Any]] = []
    names = sorted(p.stem for p in Path(gold_dir).glob("*.json"))
    if not names:
        raise ValueError(f"no gold *.json in {gold_dir}")
    for name in names:
        gold = json.loads((Path(gold_dir) / f"{name}.json").read_text(encoding="utf-8"))
        pred = predictions.get(name, {})
        for field, fold in SET_FIELDS.items():
            # folded to compare; the misses name the values as written
            g = {fold(x): x for x in gold.get(field) or [] if str(x).strip()}
            p = {fold(x): x for x in pred.get(field) or [] if str(x).strip()}
            t = tallies[field]
            t.tp, t.fp, t.fn = t.tp + len(g.keys() & p.keys()), t.fp + len(p.keys() - g.keys()), \
                t.fn + len(g.keys() - p.keys())
            if g.keys() != p.keys():
                misses.append({"doc": name, "field": field, "extra": sorted(p[k] for k in p.keys() - g.keys()),
                               "missing": sorted(g[k] for k in g.keys() - p.keys())})
        gref = [r for r in gold.get("references") or [] if r.get("number")]
        pref = [r for r in pred.get("references") or [] if isinstance(r, dict) and r.get("number")]
        pairs, free, extra = _match(gref, pref, lambda g, p: fold_number(g["number"]) == fold_number(p["number"]))
        t = tallies["references.number"]
        t.tp, t.fp, t.fn = t.tp + len(pairs), t.fp + len(extra), t.fn + len(free)
        linked = 0
        for g, p in pairs:
            ok = (not g.get("date") or fold_date(g["date"]) == fold_date(p.get("date"))) and (
                not g.get("issuer") or fold_issuer(g["issuer"]) == fold_issuer(p.get("issuer")))
            linked += ok
            if not ok:
                misses.append({"doc": name, "field": "references.link", "extra": [p], "missing": [g]})
        t = tallies["references"]
        t.tp, t.fp, t.fn = t.tp + linked, t.fp + len(pref) - linked, t.fn + len(gref) - linked

        gtar = gold.get("targets") or []
        ptar = [x for x in pred.get("targets") or [] if isinstance(x, dict)]

        def loose(g: dict, p: dict) -> bool:
            return _same_value(g.get("value"), p.get("value")) and _unit_match(g.get("unit"), p.get("unit"))

        def strict(g: dict, p: dict) -> bool:
            return loose(g, p) and (g.get("comparator") or "=") == (p.get("comparator") or "=") \
                and g.get("year") == p.get("year")

        exact, gleft, pleft = _match(gtar, ptar, strict)
        near, free, extra = _match(gleft, pleft, loose)
        t = tallies["targets.value_unit"]
        t.tp, t.fp, t.fn = t.tp + len(exact) + len(near), t.fp + len(extra), t.fn + len(free)
        t = tallies["targets"]
        t.tp, t.fp, t.fn = t.tp + len(exact), t.fp + len(ptar) - len(exact), t.fn + len(gtar) - len(exact)
        for g, p in exact:
            if "per" in g or "value_max" in g:
                scope.append(_same_scope(g, p))
                if not scope[-1]:
                    misses.append({"doc": name, "field": "targets.scope", "extra": [p], "missing": [g]})
        for g, p in near:
            misses.append({"doc": name, "field": "targets.attributes", "extra": [p], "missing": [g]})
        if free or extra:
            misses.append({"doc": name, "field": "targets",
                           "extra": [f"{x.get('value')} {x.get('unit')}" for x in extra],
                           "missing": [f"{x.get('value')} {x.get('unit')}" for x in free]})
        accuracy["kind"].append(gold.get("kind") == pred.get("kind"))
        gdoc = gold.get("document")
        if gdoc:
            pdoc = pred.get("document") or {}
            for field, fold in DOC_FIELDS.items():
                ok = fold(gdoc.get(field)) == fold(pdoc.get(field))
                accuracy[f"document.{field}"].append(ok)
                if not ok:
                    misses.append({"doc": name, "field": f"document.{field}",
                                   "extra": [pdoc.get(field)], "missing": [gdoc.get(field)]})
    report: dict[str, Any] = {"documents": len(names), "fields": {}, "accuracy": {}}
    for field, t in tallies.items():
        p, r, f = t.prf()
        report["fields"][field] = {"precision": p, "recall": r, "f1": f, "tp": t.tp, "fp": t.fp, "fn": t.fn}
    for key, values in accuracy.items():
        report["accuracy"][key] = sum(values) / len(values) if values else None
    known = [v for v in report["accuracy"].values() if v is not None]
    report["accuracy"]["document"] = sum(known) / len(known) if known else None
    headline = [report["fields"][f]["f1"] for f in [*SET_FIELDS, "references", "targets"]]
    headline.append(report["accuracy"]["document"] or 0.0)
    report["overall_f1"] = sum(headline) / len(headline)
    # Outside the overall score, as in the shared scorer.
    report["accuracy"]["targets.scope"] = sum(scope) / len(scope) if scope else None
    report["misses"] = misses
    return report


def _kind_of_miss(miss: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind of error, what was wrong) for each error one miss of the report records."""
    field, extra, missing = miss["field"], miss["extra"], miss["missing"]
    if field == "targets.attributes":
        got, want = extra[0], missing[0]
        out = []
        if got.get("year") != want.get("year"):
            out.append(("target: wrong year",
                        f"{want['value']} {want['unit']}: {got.get('year')} for {want.get('year')}"))
        if (got.get("comparator") or "=") != (want.get("comparator") or "="):
            out.append(("target: wrong comparator",
                        f"{want['value']} {want['unit']}: {got.get('comparator')} for {want.get('comparator')}"))
        return out
    if field == "targets.scope":
        got, want = extra[0], missing[0]
        return [("target: wrong scope (per, range)", f"{want['value']} {want['unit']}: per {got.get('per')}, "
                 f"max {got.get('value_max')} for per {want.get('per')}, max {want.get('value_max')}")]
    if field == "references.link":
        return [("citation: wrong date or issuer", extra[0]["number"])]
    if field.startswith("document.") or field == "kind":
        return [(f"header: wrong {field.split('.')[-1]}", f"{extra[0]} for {missing[0]}")]
    names = {
        "targets": ("not a target (a result, a count, money, a repeat)", "target missed (a breakdown, a list, a verb)"),
        "provinces": ("province in passing (not what the text is about)", "province missed"),
        "issuers": ("not an issuer (mentioned, reporting, hosting)", "issuer missed"),
        "references": ("citation that is not one", "citation missed"),
        "doc_numbers": ("symbol that is not one", "symbol missed"),
        "dates": ("date that is not one", "date missed"),
    }
    not_one, missed = names.get(field, (f"{field}: extra", f"{field}: missed"))
    return [(not_one, str(x)) for x in extra] + [(missed, str(x)) for x in missing]


def misses_by_kind(report: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The report's misses grouped by kind of error, most frequent first; each example is
    `document: what was wrong`."""
    kinds: dict[str, list[str]] = {}
    for miss in report["misses"]:
        for kind, what in _kind_of_miss(miss):
            kinds.setdefault(kind, []).append(f"{miss['doc']}: {what}")
    return sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def format_misses(report: dict[str, Any], examples: int = 3) -> str:
    lines = ["What is still wrong, by kind (count, then examples):"]
    for kind, found in misses_by_kind(report):
        lines.append(f"  {len(found):4}  {kind}")
        lines += [f"          {x[:140]}" for x in found[:examples]]
    return "\n".join(lines)


def format_report(report: dict[str, Any], verbose: bool = False) -> str:
    lines = [f"{'field':<22}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for field, v in report["fields"].items():
        lines.append(f"{field:<22}{v['precision']:7.3f}{v['recall']:7.3f}{v['f1']:7.3f}"
                     f"{v['tp']:6}{v['fp']:6}{v['fn']:6}")
    for name, value in report["accuracy"].items():
        lines.append(f"{name:<22}{'n/a' if value is None else f'{value:.3f}':>7}  (accuracy)")
    if verbose:
        lines += [f"  {m['doc']}: {m['field']}: extra={m['extra']} missing={m['missing']}" for m in report["misses"]]
    lines.append(f"overall F1 {report['overall_f1']:.3f} over {report['documents']} documents")
    return "\n".join(lines)


def gold_documents(gold_dir: Path) -> list[Path]:
    """The document file for each label: NAME.txt, or NAME.html / NAME.pdf where that is what the folder holds."""
    out = []
    for label in sorted(Path(gold_dir).glob("*.json")):
        for suffix in (".txt", ".html", ".htm", ".pdf"):
            candidate = label.with_suffix(suffix)
            if candidate.exists():
                out.append(candidate)
                break
    return out

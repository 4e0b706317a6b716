<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Quyết định 148/QĐ-TTg 2023</title></head>
<body><!-- Reconstructed from the documented structure (../shared/sites/REAL-STRUCTURES.md), not a saved page. -->
<h1>Quyết định 148/QĐ-TTg năm 2023 ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP</h1>
<div id="ctl00_Content_ThongTinVB_pnlDocContent"><div id="divContentDoc" class="cldivContentDocVn"><div class="content1">
<div class="TaiVanBan">Văn bản này chưa có nội dung; vui lòng tải về để xem. <a id="ctl00_Content_ThongTinVB_filePDFHyperLink" href="/documents/download/148-QD-TTg.pdf">Tải văn bản PDF</a></div>
</div></div></div>
</body></html>

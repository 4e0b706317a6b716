<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch 167/KH-UBND 2024</title></head>
<body><!-- Reconstructed from the documented structure (../shared/sites/REAL-STRUCTURES.md), not a saved page. -->
<h1>Kế hoạch 167/KH-UBND năm 2024 thực hiện Chương trình OCOP tỉnh Quảng Nam</h1>
<div id="vanban-noidung-moi"><p>Nội dung văn bản được hiển thị bằng JavaScript.</p></div>
</body></html>

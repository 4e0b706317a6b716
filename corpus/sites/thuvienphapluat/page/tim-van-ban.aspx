<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tìm văn bản: OCOP</title></head>
<body><!-- Reconstructed from the documented structure (../shared/sites/REAL-STRUCTURES.md), not a saved page. -->
<div id="header"><a href="/">THƯ VIỆN PHÁP LUẬT</a> <a href="/dang-nhap.aspx">Đăng nhập</a></div>
<div class="content-0"><p class="nqTitle"><a href="/van-ban/Linh-vuc-khac/Quyet-dinh-3473-QD-UBND-2021-De-an-mot-san-pham-tinh-Quang-Nam-481234.aspx">Quyết định 3473/QĐ-UBND năm 2021 phê duyệt Đề án Chương trình mỗi xã một sản phẩm tỉnh Quảng Nam</a></p>
<p class="nqTitle"><a href="/van-ban/Linh-vuc-khac/Quyet-dinh-148-QD-TTg-2023-Bo-tieu-chi-danh-gia-phan-hang-san-pham-OCOP-556677.aspx">Quyết định 148/QĐ-TTg năm 2023 ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP</a></p>
<p class="nqTitle"><a href="/van-ban/Linh-vuc-khac/Ke-hoach-167-KH-UBND-2024-OCOP-Quang-Nam-590001.aspx">Kế hoạch 167/KH-UBND năm 2024 thực hiện Chương trình OCOP tỉnh Quảng Nam</a></p></div>
</body></html>

<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Quyết định 3473/QĐ-UBND 2021 Quảng Nam</title></head>
<body><!-- Reconstructed from the documented structure (../shared/sites/REAL-STRUCTURES.md), not a saved page. -->
<h1>Quyết định 3473/QĐ-UBND năm 2021 phê duyệt Đề án Chương trình mỗi xã một sản phẩm tỉnh Quảng Nam</h1>
<div class="paywall">Bạn Chưa Đăng Nhập Tài Khoản! Vui lòng Đăng nhập để xem toàn văn. <a href="/dang-ky.aspx">Đăng ký</a></div>
<div id="ctl00_Content_ThongTinVB_pnlDocContent"><div id="divContentDoc" class="cldivContentDocVn"><div class="content1">
<a name="dieu_1"></a>
<p>ỦY BAN NHÂN DÂN</p>
<p>TỈNH QUẢNG NAM</p>
<p>-------</p>
<p>Số: 3473/QĐ-UBND</p>
<p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
<p>Độc lập - Tự do - Hạnh phúc</p>
<p>---------------</p>
<p>Quảng Nam, ngày 12 tháng 7 năm 2021</p>
<p>QUYẾT ĐỊNH</p>
<p>Phê duyệt Đề án Chương trình mỗi xã một sản phẩm tỉnh Quảng Nam giai đoạn 2021-2025, định hướng đến năm 2030</p>
<p>ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM</p>
<p>Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;</p>
<p>Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2021-2025;</p>
<p>Căn cứ Quyết định số 148/QĐ-TTg ngày 24/2/2023 của Thủ tướng Chính phủ ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm;</p>
<p>Theo đề nghị của Giám đốc Sở Nông nghiệp và Phát triển nông thôn tại Tờ trình số 878/TTr-SNN ngày 29/6/2021.</p>
<p>QUYẾT ĐỊNH:</p>
<p>Điều 1. Phê duyệt Đề án Chương trình mỗi xã một sản phẩm tỉnh Quảng Nam với các nội dung chủ yếu sau:</p>
<p>1. Mục tiêu chung</p>
<p>Phát triển các sản phẩm truyền thống, đặc sản có lợi thế của địa phương theo chuỗi giá trị, do các thành phần kinh tế tư nhân và kinh tế tập thể thực hiện.</p>
<p>2. Mục tiêu cụ thể</p>
<p>- Phấn đấu đến năm 2025 có ít nhất 30 sản phẩm OCOP được công nhận đạt từ 3 sao trở lên.</p>
<p>- Có 12 sản phẩm đạt 4 sao; phấn đấu có từ 1 - 2 sản phẩm đạt 5 sao cấp quốc gia.</p>
<p>- Tối thiểu 40% chủ thể OCOP là hợp tác xã, doanh nghiệp nhỏ và vừa.</p>
<p>- 100% cán bộ quản lý Chương trình OCOP cấp tỉnh, cấp huyện, cấp xã được tập huấn, bồi dưỡng.</p>
<p>3. Nhiệm vụ và giải pháp</p>
<p>Tổ chức chu trình OCOP thường niên; hỗ trợ các chủ thể hoàn thiện sản phẩm, bao bì, nhãn mác; xúc tiến thương mại, quảng bá sản phẩm OCOP.</p>
<p>4. Kinh phí thực hiện: tổng kinh phí dự kiến 52,3 tỷ đồng.</p>
<p>Điều 2. Giao Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với các sở, ngành, UBND các huyện, thị xã, thành phố triển khai thực hiện Đề án.</p>
<p>Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở, ngành; Chủ tịch UBND các huyện, thị xã, thành phố và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.</p>
<p>Nơi nhận:</p>
<p>- Như Điều 3;</p>
<p>- Văn phòng Điều phối NTM Trung ương;</p>
<p>- TT Tỉnh ủy, HĐND tỉnh;</p>
<p>- Lưu: VT, KTN.</p>
<p>TM. ỦY BAN NHÂN DÂN</p>
<p>KT. CHỦ TỊCH</p>
<p>PHÓ CHỦ TỊCH</p>
<p>Hồ Văn Thành</p>
</div></div></div>
<div class="paywall">Bạn Chưa Đăng Nhập Tài Khoản! Vui lòng Đăng nhập để xem toàn văn. <a href="/dang-ky.aspx">Đăng ký</a></div>
<div class="footer">Thư Viện Pháp Luật - Hotline 1900 6192</div>
</body></html>

<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Văn bản - Danh sách</title></head>
<body><!-- Reconstructed from the documented structure (../shared/sites/REAL-STRUCTURES.md) and SharePoint's list forms, not a saved page. --><table class="ms-listviewtable">
<tr><th>Số ký hiệu</th><th>Trích yếu</th></tr>
<tr><td><a href="/Lists/VanBan/DispForm.aspx?ID=12&amp;Source=%2FLists%2FVanBan%2FAllItems.aspx">45/KH-SNN</a></td><td>Kế hoạch triển khai Chương trình OCOP năm 2024</td></tr>
<tr><td><a href="/Lists/VanBan/DispForm.aspx?ID=13&amp;Source=%2FLists%2FVanBan%2FAllItems.aspx">46/SNN-TL</a></td><td>V/v phòng chống hạn hán vụ Hè Thu</td></tr>
</table></body></html>

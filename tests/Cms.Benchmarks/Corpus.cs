using System.Text;

namespace Cms.Benchmarks;

/// <summary>
/// Vietnamese-looking text with a realistic spread: syllables drawn by a Zipf law (a few very common, a long tail of
/// rare ones), so searches hit anything from a handful to thousands of articles as they would on a real news site.
/// Seeded: the same size always gives the same library.
/// </summary>
internal sealed class Corpus(int seed)
{
    private static readonly string[] Syllables =
        """
        và của các có là được cho một những trong đã với không người này đến về năm ngày theo tại tỉnh công tác
        huyện xã trên đồng chí ban hội nghị tổ chức phát triển kinh tế xã hội văn hóa giáo dục y tế khoa học
        thông tin tuyên truyền nhân dân cán bộ đảng viên chính quyền địa phương thực hiện kế hoạch nhiệm vụ
        kết quả đánh giá chỉ đạo lãnh đạo quản lý nhà nước chương trình dự án đầu tư xây dựng nông thôn mới
        sản xuất nông nghiệp lâm ngư trường học sinh viên giáo viên bệnh viện bác sĩ sức khỏe phòng chống dịch
        bệnh an toàn giao thông vận tải môi trường tài nguyên nước rừng biển đảo quốc phòng an ninh trật tự
        thể thao du lịch lễ hội truyền thống dân tộc thiểu số miền núi vùng cao biên giới hợp tác quốc tế
        doanh nghiệp thương mại dịch vụ ngân hàng tín dụng vốn thị trường giá cả lao động việc làm thu nhập
        nghèo bền vững chính sách pháp luật tư pháp tòa án kiểm sát công an quân đội thanh niên phụ nữ
        cựu chiến binh mặt trận tổ quốc đoàn kết thi đua khen thưởng kỷ niệm anh hùng liệt sĩ thương binh
        gia đình trẻ em người cao tuổi khuyết tật từ thiện nhân đạo ủng hộ quỹ hỗ trợ khó khăn thiên tai
        bão lũ hạn hán mưa lớn sạt lở khắc phục hậu quả cứu hộ di dời khẩn cấp tăng cường kiểm tra giám sát
        tiếp dân khiếu nại tố cáo cải cách hành chính chuyển đổi số điện tử trực tuyến cổng thông tin báo chí
        phóng viên biên tập xuất bản phát thanh truyền hình nghệ thuật biểu diễn ca múa nhạc sân khấu điện ảnh
        bảo tàng di tích lịch sử danh thắng bảo tồn phát huy giá trị di sản thư viện sách đọc học tập suốt đời
        khuyến học khuyến tài tốt nghiệp tuyển sinh đại học cao đẳng nghề đào tạo bồi dưỡng nâng cao năng lực
        chất lượng hiệu quả tiến độ hoàn thành vượt mức tăng trưởng giảm tổng số bình quân tỷ lệ phần trăm
        tháng quý sáu chín mười hai ba bốn năm bảy tám nghìn triệu tỷ đồng hecta tấn km mét lượt hộ
        sáng chiều tối hôm qua nay mai tuần tới vừa qua sắp tới đầu cuối giữa trước sau trong ngoài
        Đức Vương Phái Hồng Lan Ngọc Minh Tuấn Hùng Dũng Hương Hoa Mai Thảo Nguyễn Trần Lê Phạm Hoàng
        Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Quảng Ngãi Bình Định Kon Tum Gia Lai Đắk Lắk Huế Nẵng
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Distinct().Concat(RareSyllables(4000)).Distinct().ToArray();

    /// <summary>
    /// The long tail: well-formed syllables (onset, toned vowel, coda) after the common real words, so that, as in real
    /// Vietnamese text, most of a library's distinct words are rare and a search on them is selective.
    /// </summary>
    private static IEnumerable<string> RareSyllables(int count)
    {
        string[] onsets = ["b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"];
        string[] vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "ia", "ua", "ưa", "iê", "uô", "ươ"];
        string[] codas = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u"];
        string[] tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
        var random = new Random(84);
        return onsets.SelectMany(o => vowels.SelectMany(v => codas.SelectMany(c => tones.Select(t => (o + v[0] + t + v[1..] + c).Normalize(NormalizationForm.FormC)))))
            .OrderBy(_ => random.Next()).Take(count);
    }

    private readonly Random _random = new(seed);
    private readonly double[] _cumulative = Cumulative(Syllables.Length);

    public string Word()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return Syllables[index < 0 ? Math.Min(~index, Syllables.Length - 1) : index];
    }

    public string Sentence(int min, int max)
    {
        var builder = new StringBuilder();
        var count = _random.Next(min, max + 1);
        for (var i = 0; i < count; i++)
        {
            var word = Word();
            builder.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(i == count - 1 ? "" : " ");
        }

        return builder.ToString();
    }

    /// <summary>A news body: paragraphs, now and then a captioned photo, about 2 to 4 KB of HTML.</summary>
    public string Body()
    {
        var builder = new StringBuilder();
        var paragraphs = _random.Next(4, 9);
        for (var p = 0; p < paragraphs; p++)
        {
            builder.Append("<p>").Append(Sentence(30, 70)).Append(".</p>");
            if (p == 1 && _random.Next(3) == 0)
            {
                builder.Append("<figure><img src=\"/uploads/news/").Append(_random.Next(100000)).Append(".jpg\" alt=\"")
                    .Append(Sentence(4, 8)).Append("\"><figcaption>").Append(Sentence(6, 14)).Append("</figcaption></figure>");
            }
        }

        return builder.ToString();
    }

    public int Next(int max) => _random.Next(max);

    public double NextDouble() => _random.NextDouble();

    private static double[] Cumulative(int count)
    {
        var weights = Enumerable.Range(1, count).Select(rank => 1.0 / rank).ToArray();
        var total = weights.Sum();
        var cumulative = new double[count];
        var running = 0.0;
        for (var i = 0; i < count; i++)
        {
            running += weights[i] / total;
            cumulative[i] = running;
        }

        return cumulative;
    }
}

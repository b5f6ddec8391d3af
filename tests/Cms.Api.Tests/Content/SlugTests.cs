using System.Text;
using Cms.Api.Content;

namespace Cms.Api.Tests.Content;

public sealed class SlugTests
{
    [TestCase("Ban Tuyên giáo Tỉnh ủy: Giao ban công tác Khoa giáo 9 tháng năm 2017", "ban-tuyen-giao-tinh-uy-giao-ban-cong-tac-khoa-giao-9-thang-nam-2017")]
    [TestCase("Đồng chí Trần Đức Vương", "dong-chi-tran-duc-vuong")]
    [TestCase("  --Hello,   World!!  ", "hello-world")]
    [TestCase("ĐƯỜNG Ở ĐÂU?", "duong-o-dau")]
    public void TitlesFoldTheWayVietnameseReadersExpect(string title, string slug) =>
        Assert.That(Slug.From(title), Is.EqualTo(slug));

    [Test]
    public void EveryVietnameseLetterFoldsToItsAsciiBase()
    {
        var alphabet = new Dictionary<char, string>
        {
            ['a'] = "aàáảãạăằắẳẵặâầấẩẫậ",
            ['d'] = "dđ",
            ['e'] = "eèéẻẽẹêềếểễệ",
            ['i'] = "iìíỉĩị",
            ['o'] = "oòóỏõọôồốổỗộơờớởỡợ",
            ['u'] = "uùúủũụưừứửữự",
            ['y'] = "yỳýỷỹỵ",
        };
        foreach (var (ascii, letters) in alphabet)
        {
            foreach (var letter in letters + letters.ToUpperInvariant())
            {
                Assert.That(Slug.From(letter.ToString()), Is.EqualTo(ascii.ToString()), $"'{letter}' (U+{(int)letter:X4})");
            }
        }
    }

    [Test]
    public void PrecomposedAndCombiningInputGiveTheSameSlug()
    {
        const string title = "Tiếng Việt có dấu: Quảng Ngãi, Huế, Đà Nẵng";
        var decomposed = title.Normalize(NormalizationForm.FormD);

        Assert.That(decomposed, Is.Not.EqualTo(title));
        Assert.That(Slug.From(decomposed), Is.EqualTo(Slug.From(title)).And.EqualTo("tieng-viet-co-dau-quang-ngai-hue-da-nang"));
    }

    [Test]
    public void LongTitlesAreCutAtAWordBoundary()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("nghị quyết", 40)))!;

        Assert.That(slug, Has.Length.LessThanOrEqualTo(Slug.MaxLength));
        Assert.That(slug, Does.Not.EndWith("-").And.EndWith("nghi").Or.EndWith("quyet"));
        Assert.That(Slug.IsValid(slug), Is.True);
    }

    [Test]
    public void TextWithNothingFoldableHasNoSlug() => Assert.That(Slug.From("!!! ??? 中文"), Is.Null);

    [Test]
    public void SuffixesSkipWhatIsTaken() =>
        Assert.That(Slug.FirstFree("tin", new HashSet<string> { "tin", "tin-2", "tin-3" }), Is.EqualTo("tin-4"));
}

using Cms.Api.Infrastructure.Paging;

namespace Cms.Api.Categories;

/// <summary>The OpenAPI document's examples: the model story's category.</summary>
internal static class CategoryExamples
{
    public static readonly Guid Id = Guid.Parse("018f1c2e-7e00-7b20-9d3e-4f5a6b7c8d01");

    public static readonly CategoryRequest Request = new("Khoa giáo", Slug: null, Description: "Giáo dục, y tế, khoa học và công nghệ", ParentId: null);

    public static readonly object MergePatch = new { description = "Giáo dục, đào tạo, y tế, khoa học và công nghệ" };

    public static readonly CategoryResponse Response = new(Id, "khoa-giao", "Khoa giáo", "Giáo dục, y tế, khoa học và công nghệ", null, Version: 1);

    public static readonly PagedList<CategoryResponse> List = new([Response], 1, 100, 1, null);
}

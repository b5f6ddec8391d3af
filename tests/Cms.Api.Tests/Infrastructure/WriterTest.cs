
namespace Cms.Api.Tests.Infrastructure;

/// <summary>For tests that write content: before each test an editor is signed in and one author exists.</summary>
public abstract class WriterTest : ContentTest
{
    protected string Editor { get; private set; } = "";

    protected Guid Author { get; private set; }

    [SetUp]
    public async Task SignInWriterAsync()
    {
        Editor = await EditorAsync();
        Author = await CreateAuthorAsync(Editor);
    }
}

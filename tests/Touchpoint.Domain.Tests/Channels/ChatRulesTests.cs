using Touchpoint.Domain.Service.Channels.Chat;

namespace Touchpoint.Domain.Tests.Channels;

public class ChatRulesTests
{
    [Fact]
    public void The_identity_hash_is_hmac_sha256_as_published_in_rfc_4231()
    {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        const string expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        Assert.Equal(expected, VisitorSignature.Sign("Jefe", "what do ya want for nothing?"));
        Assert.True(VisitorSignature.Verify("Jefe", "what do ya want for nothing?", expected.ToUpperInvariant()));
        Assert.False(VisitorSignature.Verify("Jefe", "what do ya want for something?", expected));
        Assert.False(VisitorSignature.Verify("Jefe", "what do ya want for nothing?", ""));
        Assert.False(VisitorSignature.Verify("Jefe", "what do ya want for nothing?", null));
    }

    [Fact]
    public void A_line_keeps_its_text_and_line_breaks_but_not_control_or_bidi_override_characters()
    {
        Assert.Equal(("Hello\nsecond line\tend", null), ChatText.Check("  Hello\r\nsecond line\tend\u0007  "));
        Assert.Equal("abc", ChatText.Check("a\u202Eb\u2066c\u2069").Text);
        Assert.Equal("half \uFFFD", ChatText.Check("half \uD83D").Text);
    }

    [Fact]
    public void Empty_and_oversized_lines_are_refused_with_the_reason()
    {
        Assert.Equal("write a message first", ChatText.Check("   ").Problem);
        Assert.Equal("write a message first", ChatText.Check("\u0007\u0008").Problem);
        Assert.Equal("write a message first", ChatText.Check(null).Problem);
        Assert.Null(ChatText.Check(new string('a', ChatText.MaxLength)).Problem);
        Assert.Equal("a message is at most 4,000 characters; this one has 4,001", ChatText.Check(new string('a', ChatText.MaxLength + 1)).Problem);
    }

    [Fact]
    public void The_subject_is_the_first_words_on_one_line()
    {
        Assert.Equal("Chat: Where is my order? It is late", ChatText.Subject("Where is my order?\nIt is late"));
        var subject = ChatText.Subject(new string('x', 150));
        Assert.Equal("Chat: " + new string('x', 99) + "…", subject);
    }
}

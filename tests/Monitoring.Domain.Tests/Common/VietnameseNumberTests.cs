using Monitoring.Domain.Common;

namespace Monitoring.Domain.Tests.Common;

public class VietnameseNumberTests
{
    [Theory]
    [InlineData("6.150", 6150)]           // 000: việc làm cho hơn 6.150 lao động
    [InlineData("29.240,3", 29240.3)]     // 003: GRDP ước tính 29.240,3 tỷ đồng
    [InlineData("3,0", 3.0)]              // 000: tỷ lệ hộ nghèo dưới 3,0%
    [InlineData("12,6", 12.6)]            // 002: tăng bình quân 12,6%/năm
    [InlineData("160.000", 160000)]       // 002: tổng vốn đầu tư trên 160.000 tỷ đồng
    [InlineData("213.000", 213000)]
    [InlineData("1.234.567,89", 1234567.89)]
    [InlineData("285", 285)]
    [InlineData("01", 1)]                 // "thêm 01 huyện"
    [InlineData("-2,65", -2.65)]
    public void Reads_numbers_written_the_Vietnamese_way(string text, double expected) =>
        VietnameseNumber.Parse(text).ShouldBe((decimal)expected);

    [Theory]
    [InlineData("1.5")]       // English decimal, not 15
    [InlineData("1,234.5")]   // English grouping
    [InlineData("12.34")]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("6.150,")]
    public void Rejects_text_that_is_not_a_Vietnamese_number(string text) =>
        VietnameseNumber.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData(6150, "6.150")]
    [InlineData(29240.3, "29.240,3")]
    [InlineData(15.4, "15,4")]
    [InlineData(7.36, "7,36")]
    [InlineData(160000, "160.000")]
    [InlineData(0.5, "0,5")]
    public void Writes_numbers_for_Vietnamese_readers(double value, string expected) =>
        VietnameseNumber.ToText((decimal)value).ShouldBe(expected);

    [Fact]
    public void Keeps_the_decimals_a_document_shows() =>
        VietnameseNumber.ToText(3.0m, minDecimals: 1).ShouldBe("3,0");

    [Theory]
    [InlineData("3,0")]
    [InlineData("17,53")]
    [InlineData("92,3")]
    [InlineData("6.150")]
    public void Writes_a_number_back_as_the_document_wrote_it(string text) =>
        VietnameseNumber.AsWritten(VietnameseNumber.Parse(text)).ShouldBe(text);

    [Theory]
    [InlineData("6.150")]
    [InlineData("29.240,3")]
    [InlineData("1.234.567,89")]
    public void Round_trips(string text) =>
        VietnameseNumber.ToText(VietnameseNumber.Parse(text)).ShouldBe(text);
}

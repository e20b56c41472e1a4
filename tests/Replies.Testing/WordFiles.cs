using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using Pic = DocumentFormat.OpenXml.Drawing.Pictures;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Replies.Testing;

/// <summary>Word files as deputies send them, and hostile ones, built with the OpenXML SDK for the intake tests.</summary>
public static class WordFiles
{
    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>A proposal: a title styled as one, a paragraph, asks in Word's automatic numbering, a table and a picture.</summary>
    public static byte[] Proposal(string title, string opening, IReadOnlyList<string> asks)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.Decimal }, new LevelText { Val = "%1." }) { LevelIndex = 0 }) { AbstractNumberId = 1 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
            var image = main.AddImagePart(ImagePartType.Png);
            using (var png = new MemoryStream(Png))
            {
                image.FeedData(png);
            }

            var body = new Body(
                new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Title" }), new Run(new Text(title))),
                new Paragraph(new Run(new Text(opening))),
                new Paragraph(new Run(new Text("为此，建议："))));
            foreach (var ask in asks)
            {
                body.Append(new Paragraph(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })), new Run(new Text(ask))));
            }

            body.Append(new Table(
                new TableRow(new TableCell(new Paragraph(new Run(new Text("区县")))), new TableCell(new Paragraph(new Run(new Text("企业数"))))),
                new TableRow(new TableCell(new Paragraph(new Run(new Text("城区")))), new TableCell(new Paragraph(new Run(new Text("120")))))));
            body.Append(new Paragraph(new Run(Picture(main.GetIdOfPart(image)))));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>A .docx with this many paragraphs.</summary>
    public static byte[] Paragraphs(int count)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            for (var i = 0; i < count; i++)
            {
                body.Append(new Paragraph(new Run(new Text("段"))));
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>A .docx of a few megabytes whose document part expands to about <paramref name="expandedBytes"/>.</summary>
    public static byte[] Bomb(long expandedBytes)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            Write(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            var entry = zip.CreateEntry("word/document.xml", CompressionLevel.Fastest);
            using var part = entry.Open();
            var head = System.Text.Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>""");
            part.Write(head);
            var filler = new byte[1024 * 1024];
            Array.Fill(filler, (byte)'a');
            for (long written = 0; written < expandedBytes; written += filler.Length)
            {
                part.Write(filler);
            }

            part.Write("</w:t></w:r></w:p></w:body></w:document>"u8);
        }

        return stream.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }

    private static Drawing Picture(string relationshipId) =>
        new(new Wp.Inline(
            new Wp.Extent { Cx = 9525, Cy = 9525 },
            new Wp.DocProperties { Id = 1U, Name = "图片 1" },
            new A.Graphic(new A.GraphicData(
                new Pic.Picture(
                    new Pic.NonVisualPictureProperties(new Pic.NonVisualDrawingProperties { Id = 0U, Name = "survey.png" }, new Pic.NonVisualPictureDrawingProperties()),
                    new Pic.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new Pic.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 9525, Cy = 9525 }), new A.PresetGeometry { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 0U,
            DistanceFromRight = 0U,
        });
}

import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, detectFileType } from './uploads.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe('detectFileType', () => {
  it('recognizes files by their first bytes, whatever their name says', () => {
    expect(detectFileType(bytes('%PDF-1.7\n...'), 'flyer.pdf')?.contentType).toBe(
      'application/pdf',
    );
    expect(detectFileType(bytes('%PDF-1.7\n...'), 'flyer.png')?.contentType).toBe(
      'application/pdf',
    );
    expect(
      detectFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'x.png')
        ?.contentType,
    ).toBe('image/png');
    expect(detectFileType(bytes([0xff, 0xd8, 0xff, 0xe0]), 'photo.jpeg')?.extension).toBe('jpg');
    expect(detectFileType(bytes('GIF89a...'), 'a.gif')?.contentType).toBe('image/gif');
    expect(detectFileType(bytes('RIFF\0\0\0\0WEBPVP8 '), 'a.webp')?.contentType).toBe('image/webp');
  });

  it('tells Office files apart by their parts and requires the matching extension', () => {
    const docx = bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....word/document.xml');
    expect(detectFileType(docx, 'letter.docx')?.extension).toBe('docx');
    expect(detectFileType(docx, 'letter.pptx')).toBeUndefined();
    const pptx = bytes(
      [0x50, 0x4b, 0x03, 0x04],
      '....[Content_Types].xml....ppt/slides/slide1.xml',
    );
    expect(detectFileType(pptx, 'deck.pptx')?.label).toBe('PowerPoint slides');
    const plainZip = bytes([0x50, 0x4b, 0x03, 0x04], 'payload.exe');
    expect(detectFileType(plainZip, 'archive.docx')).toBeUndefined();
    const odp = Buffer.alloc(120);
    bytes([0x50, 0x4b, 0x03, 0x04]).copy(odp, 0);
    Buffer.from('mimetypeapplication/vnd.oasis.opendocument.presentation', 'latin1').copy(odp, 30);
    expect(detectFileType(odp, 'slides.odp')?.extension).toBe('odp');
  });

  it('accepts plain text only with a text extension, and never markup', () => {
    expect(detectFileType(bytes('Dear editor,\n'), 'letter.txt')?.contentType).toMatch(
      /^text\/plain/,
    );
    expect(detectFileType(bytes('a,b\n1,2\n'), 'sheet.csv')?.extension).toBe('csv');
    expect(detectFileType(bytes('Dear editor,\n'), 'letter')).toBeUndefined();
    expect(detectFileType(bytes('<html><script>alert(1)</script>'), 'page.txt')).toBeUndefined();
    expect(detectFileType(bytes('<svg onload=alert(1)>'), 'image.txt')).toBeUndefined();
    expect(detectFileType(bytes('<svg onload=alert(1)>'), 'image.svg')).toBeUndefined();
    expect(detectFileType(bytes('MZ\x90\x00binary\x00'), 'setup.exe')).toBeUndefined();
    expect(detectFileType(bytes('MZ\x90\x00binary\x00'), 'setup.pdf')).toBeUndefined();
    expect(detectFileType(bytes([0xc3, 0x28]), 'bad-utf8.txt')).toBeUndefined();
  });
});

describe('cleanFileName', () => {
  const pdf = detectFileType(bytes('%PDF-1.4'), 'x.pdf')!;
  it('keeps the base name, drops paths and control characters, and uses the detected extension', () => {
    expect(cleanFileName('../../etc/passwd', pdf)).toBe('passwd.pdf');
    expect(cleanFileName('C:\\Users\\me\\Run of show.docx', pdf)).toBe('Run of show.pdf');
    expect(cleanFileName('"><img src=x onerror=alert(1)>.pdf', pdf)).toBe(
      'img src=x onerror=alert(1).pdf',
    );
    expect(cleanFileName('"><img src=x onerror=alert(1)>.pdf', pdf)).not.toMatch(/[<>"]/);
    expect(cleanFileName('.pdf', pdf)).toBe('attachment.pdf');
    expect(cleanFileName('a\u0000b\nc.pdf', pdf)).toBe('a b c.pdf');
  });

  it('writes a Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Café "menu".pdf')).toBe(
      `attachment; filename="Caf_ _menu_.pdf"; filename*=UTF-8''Caf%C3%A9%20%22menu%22.pdf`,
    );
  });
});

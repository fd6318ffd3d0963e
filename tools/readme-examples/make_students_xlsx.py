#!/usr/bin/env python3
"""Writes tools/readme-examples/students.xlsx, the student workbook the README's import example uploads:
two new students of 天河学习中心 and one row with a bad 入学学期 (valid-rows mode applies the two).
Plain zipfile and inline strings, so it needs nothing installed; run it again after changing ROWS."""
import os, zipfile
from xml.sax.saxutils import escape

HEADERS = ['学号', '姓名', '身份证号', '学习中心代码', '专业代码', '层次', '入学学期', '专升本']

def id_number(body17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body17 + '10X98765432'[sum(int(c) * w for c, w in zip(body17, weights)) % 11]

ROWS = [
    ['2440100000900', '陈嘉怡', id_number('44010619990315901'), 'GDGZ01', 'GSGL', '本科', '2024春', '是'],
    ['2440100000901', '黄子轩', id_number('44010620000708902'), 'GDGZ01', 'XZGL', '专科', '2024秋', '否'],
    ['2440100000902', '李明哲', id_number('44010620010101903'), 'GDGZ01', 'XZGL', '专科', '2022夏', '否'],
]

def col(i):
    return chr(ord('A') + i)

def sheet_xml(rows):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, start=1):
        cells = ''.join(f'<c r="{col(c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>' for c, v in enumerate(row))
        out.append(f'<row r="{r}">{cells}</row>')
    out.append('</sheetData></worksheet>')
    return ''.join(out)

FILES = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="学生" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}

if __name__ == '__main__':
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'students.xlsx')
    with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in FILES.items():
            z.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text)
        z.writestr(zipfile.ZipInfo('xl/worksheets/sheet1.xml', (2026, 1, 1, 0, 0, 0)), sheet_xml([HEADERS] + ROWS))
    print(target)

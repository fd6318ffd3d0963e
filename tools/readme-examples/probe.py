#!/usr/bin/env python3
"""Hostile probes on the endpoints the README lists, as the demo's clerks of other units (demo data, localhost:8080).

Every probe must answer 4xx with a Chinese message and no SQL, stack or class name, or (where the README documents a
per-student answer) 200/202 with every student refused; and the demo's state must read the same afterwards.
Usage: python3 tools/readme-examples/probe.py   (prints a table; exit 1 when a probe fails or state changed)
"""
import hashlib, io, json, re, sys, zipfile
import requests

B = 'http://localhost:8080'
CJK = re.compile(r'[\u4e00-\u9fff]')
INTERNAL = re.compile(r'(?i)(\bselect\b.*\bfrom\b|\binsert into\b|\bupdate\b.*\bset\b|\bdelete from\b|sqlstate|jdbc|\n\s*at |'
                      r'\w+\.\w+\.\w+Exception|org\.h2|java\.|springframework|hibernate|PreparedStatement)')
JSON = {'Content-Type': 'application/json'}
TH = '2440100000008'      # 天河 (GDGZ01), waiting at 提交毕业申请
LIN = '2440100000000'     # 天河, the walkthrough's student
SMJK_ST = '2110100000003'  # 北京学习中心 (SMJK01)


def s(user):
    x = requests.Session()
    x.auth = (user, 'demo')
    return x


def snapshot():
    a = s('demo')
    out = {}
    def get(path):
        r = a.get(B + path)
        try:
            body = r.json()
        except ValueError:
            body = hashlib.sha256(r.content).hexdigest()
        out[path] = (r.status_code, body)
    for st in (TH, LIN, '2440100000120', '2440100000192', '2440200000001', '2440300000002'):
        get(f'/api/applications/202601/{st}')
    get(f'/api/applications/202601/{SMJK_ST}')
    for k in ('graduation', 'admission', 'chsi-academic'):
        get(f'/api/students/{TH}/photos/{k}')
    for path in ('/api/batches/202601/calendars/GD', '/api/batches/202601/calendars/SMJK', '/api/working-calendar/2026',
                 '/api/working-calendar/2027', '/api/branches/GD/chsi-photo-rule', '/api/branches/SMJK/chsi-photo-rule',
                 '/api/hq-submissions/1', '/api/hq-submissions/1/items?size=200', f'/api/students/{SMJK_ST}/admission-reviews',
                 '/api/chsi-self-check-lists', '/api/self-study/sessions/2023H1/cases',
                 '/api/batches/202601/cases?unit=HQ&size=200', '/api/batches/202601/cases?unit=HQ&size=200&page=1',
                 '/engine-rest/task/count', '/engine-rest/process-instance/count', '/engine-rest/history/process-instance/count',
                 '/engine-rest/user/count', '/engine-rest/authorization/count'):
            get(path)
    d = a.get(B + '/api/batches/202601/dashboard?unit=HQ').json()
    out['dashboard'] = (d['total'], d['states'], d['units'])
    return out


def xlsx(rows):
    """A minimal workbook (inline strings) for the import probes."""
    def cells(r, row):
        return ''.join(f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for c, v in enumerate(row))
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + ''.join(f'<row r="{i}">{cells(i, row)}</row>' for i, row in enumerate(rows, 1)) + '</sheetData></worksheet>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr('xl/worksheets/sheet1.xml', sheet)
    return buf.getvalue()


def zip_of(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        for name, data in entries:
            z.writestr(name, data)
    return buf.getvalue()


HUGE = '{"studentNos":["' + '1' * (12 * 1024 * 1024) + '"]}'
SQL = "2440100000008' OR '1'='1"
FORMULA = '=HYPERLINK("http://x","点我")'
LONG = 'x' * 100000

# (name, user, method, path, kwargs, allowed) — allowed: a predicate on the response for 2xx answers that refuse per item
def all_refused(r):
    j = r.json()
    return not any(x.get('result') in ('DONE', 'STARTED') for x in j.get('results', []))

P = []
def probe(name, user, method, path, allowed=None, **kw):
    P.append((name, user, method, path, kw, allowed))

# --- GET /api/applications
probe('application: another centre\'s student', 'py1', 'GET', f'/api/applications/202601/{TH}')
probe('application: another branch\'s clerk', 'bj1', 'GET', f'/api/applications/202601/{TH}')
probe('application: SQL in 学号', 'py1', 'GET', '/api/applications/202601/' + requests.utils.quote(SQL))
probe('application: path traversal', 'py1', 'GET', '/api/applications/202601/..%2F..%2Fetc%2Fpasswd')
probe('application: encoded dot segments', 'py1', 'GET', '/api/applications/%2e%2e/%2e%2e/me')
probe('application: 10,000-char 学号', 'py1', 'GET', '/api/applications/202601/' + '9' * 10000)
probe('application: own student, Accept xml', 'th1', 'GET', f'/api/applications/202601/{TH}', headers={'Accept': 'application/xml'})
# --- unit cases, case list, groups, tasks
probe('application: another centre\'s, Accept xml', 'py1', 'GET', f'/api/applications/202601/{TH}', headers={'Accept': 'application/xml'})
probe('application: 12 MB Accept header', 'py1', 'GET', f'/api/applications/202601/{TH}', headers={'Accept': 'a' * 20000})
probe('unit cases: another centre', 'py1', 'GET', '/api/batches/202601/units/GDGZ01/cases')
probe('unit cases: the city above', 'py1', 'GET', '/api/batches/202601/units/GDGZ/cases')
probe('unit cases: unknown state', 'th1', 'GET', '/api/batches/202601/units/GDGZ01/cases?state=DROP%20TABLE')
probe('unit cases: size 10^6', 'th1', 'GET', '/api/batches/202601/units/GDGZ01/cases?size=1000000')
probe('unit cases: page -1', 'th1', 'GET', '/api/batches/202601/units/GDGZ01/cases?page=-1')
probe('cases: another centre', 'py1', 'GET', '/api/batches/202601/cases?unit=GDGZ01')
probe('cases: another branch', 'smjk1', 'GET', '/api/batches/202601/cases?unit=GD')
probe('cases: size 0', 'th1', 'GET', '/api/batches/202601/cases?size=0')
probe('cases: page huge', 'th1', 'GET', '/api/batches/202601/cases?page=99999999999')
probe('cases: page 2^31-1', 'th1', 'GET', '/api/batches/202601/cases?page=2147483647&size=200')
probe('cases: page -1', 'th1', 'GET', '/api/batches/202601/cases?page=-1')
probe('cases: enrolmentTerm garbage', 'th1', 'GET', '/api/batches/202601/cases?enrolmentTerm=2023%27--')
probe('cases: eligible=maybe', 'th1', 'GET', '/api/batches/202601/cases?eligible=maybe')
probe('cases: state unknown', 'th1', 'GET', '/api/batches/202601/cases?state=%27%3BDROP')
probe('cases: unknown batch', 'th1', 'GET', '/api/batches/%27OR1%3D1/cases')
probe('groups: another centre', 'py1', 'GET', '/api/batches/202601/cases/groups?unit=GDGZ01')
probe('tasks: another centre', 'py1', 'GET', '/api/batches/202601/tasks?unit=GDGZ01')
probe('tasks: assignee=admin', 'th1', 'GET', '/api/batches/202601/tasks?assignee=demo')
probe('tasks: size -1', 'th1', 'GET', '/api/batches/202601/tasks?size=-1')
probe('tasks: page -3', 'th1', 'GET', '/api/batches/202601/tasks?page=-3')
probe('tasks: page huge', 'th1', 'GET', '/api/batches/202601/tasks?page=2147483647&size=200')
# --- bulk decisions
probe('decisions: another centre\'s students', 'py1', 'POST', '/api/batches/202601/decisions', all_refused,
      json={'action': 'APPLY', 'commitmentLetter': True, 'studentNos': [TH, LIN]})
probe('decisions: a city approving another city\'s', 'sg1', 'POST', '/api/batches/202601/decisions', all_refused,
      json={'action': 'APPROVE', 'studentNos': [TH, LIN, '2440100000004']})
probe('decisions: malformed JSON', 'th1', 'POST', '/api/batches/202601/decisions', data='{"action": "APPLY", "studentNos": [', headers=JSON)
probe('decisions: text/plain', 'th1', 'POST', '/api/batches/202601/decisions', data='action=APPLY', headers={'Content-Type': 'text/plain'})
probe('decisions: form-urlencoded', 'th1', 'POST', '/api/batches/202601/decisions', data={'action': 'APPLY', 'studentNos': TH})
probe('decisions: xml', 'th1', 'POST', '/api/batches/202601/decisions', data='<a/>', headers={'Content-Type': 'application/xml'})
probe('decisions: 12 MB body', 'th1', 'POST', '/api/batches/202601/decisions', data=HUGE, headers=JSON)
probe('decisions: studentNos a string', 'th1', 'POST', '/api/batches/202601/decisions', json={'action': 'APPLY', 'studentNos': TH})
probe('decisions: studentNos [null]', 'th1', 'POST', '/api/batches/202601/decisions', all_refused, json={'action': 'APPLY', 'studentNos': [None]})
probe('decisions: studentNos [{}]', 'th1', 'POST', '/api/batches/202601/decisions', json={'action': 'APPLY', 'studentNos': [{}]})
probe('decisions: action SQL', 'th1', 'POST', '/api/batches/202601/decisions', json={'action': "APPLY' OR 1=1", 'studentNos': [TH]})
probe('decisions: SQL student', 'th1', 'POST', '/api/batches/202601/decisions', all_refused, json={'action': 'APPLY', 'studentNos': [SQL]})
probe('decisions: reason 1001', 'th1', 'POST', '/api/batches/202601/decisions', json={'action': 'DEFER', 'reason': '长' * 1001, 'studentNos': [TH]})
probe('decisions: reason emoji', 'th1', 'POST', '/api/batches/202601/decisions', all_refused, json={'action': 'DEFER', 'reason': '原因😀', 'studentNos': [TH]})
probe('decisions: degreeType SQL', 'th1', 'POST', '/api/batches/202601/decisions', json={'action': 'APPLY_WITH_DEGREE', 'degreeType': "OUC'--", 'studentNos': [TH]})
probe('decisions: commitmentLetter "yes"', 'th1', 'POST', '/api/batches/202601/decisions', json={'action': 'APPLY', 'commitmentLetter': 'yes', 'studentNos': [TH]})
probe('decisions: 10,000-char 学号', 'th1', 'POST', '/api/batches/202601/decisions', all_refused, json={'action': 'APPLY', 'studentNos': ['9' * 10000]})
probe('decisions: unknown batch', 'th1', 'POST', '/api/batches/999999/decisions', json={'action': 'APPLY', 'studentNos': [TH]})
probe('decisions: empty body', 'th1', 'POST', '/api/batches/202601/decisions', data='', headers=JSON)
probe('decisions: JSON null', 'th1', 'POST', '/api/batches/202601/decisions', data='null', headers=JSON)
probe('decisions: JSON array', 'th1', 'POST', '/api/batches/202601/decisions', data='[1,2]', headers=JSON)
probe('decisions: deeply nested', 'th1', 'POST', '/api/batches/202601/decisions', data='{"x":' + '[' * 5000 + ']' * 5000 + '}', headers=JSON)
# --- decisions.xlsx
probe('decisions.xlsx: no file', 'th1', 'POST', '/api/batches/202601/decisions.xlsx', files={'other': ('a.xlsx', b'x')})
probe('decisions.xlsx: JSON body', 'th1', 'POST', '/api/batches/202601/decisions.xlsx', json={'file': 'x'})
probe('decisions.xlsx: CSV named xlsx', 'th1', 'POST', '/api/batches/202601/decisions.xlsx', files={'file': ('../../etc/x.xlsx', b'a,b\n1,2')})
probe('decisions.xlsx: empty file', 'th1', 'POST', '/api/batches/202601/decisions.xlsx', files={'file': ('x.xlsx', b'')})
probe('decisions.xlsx: another centre\'s rows', 'py1', 'POST', '/api/batches/202601/decisions.xlsx', 'job',
      files={'file': ('..\\..\\x.xlsx', xlsx([['学号', '决定', '原因'], [TH, '暂缓毕业', FORMULA], [LIN, '申请毕业', '']]))})
probe('decisions.xlsx: unknown batch', 'th1', 'POST', '/api/batches/%27--/decisions.xlsx', files={'file': ('x.xlsx', xlsx([['学号', '决定']]))})
# --- withdraw
probe('withdraw: a centre', 'th1', 'POST', f'/api/applications/202601/{LIN}/withdraw-from-hq-list', json={'decision': 'DEFER', 'reason': 'x'})
probe('withdraw: another branch', 'smjk1', 'POST', '/api/applications/202601/2440100000004/withdraw-from-hq-list', json={'decision': 'DEFER', 'reason': 'x'})
probe('withdraw: malformed', 'gd1', 'POST', '/api/applications/202601/2440100000004/withdraw-from-hq-list', data='{"decision":', headers=JSON)
probe('withdraw: unknown decision', 'gd1', 'POST', '/api/applications/202601/2440100000004/withdraw-from-hq-list', json={'decision': "X' OR 1=1"})
probe('withdraw: reason 1001', 'gd1', 'POST', '/api/applications/202601/2440100000004/withdraw-from-hq-list', json={'decision': 'DEFER', 'reason': 'x' * 1001})
probe('withdraw: decision a number', 'gd1', 'POST', '/api/applications/202601/2440100000004/withdraw-from-hq-list', json={'decision': 7})
probe('withdraw: text/plain', 'gd1', 'POST', '/api/applications/202601/2440100000004/withdraw-from-hq-list', data='DEFER', headers={'Content-Type': 'text/plain'})
# --- applications
probe('applications: another centre\'s', 'py1', 'POST', '/api/batches/202601/applications', all_refused, json={'studentNos': ['2440100000196', '2440100000192']})
probe('applications: malformed', 'th1', 'POST', '/api/batches/202601/applications', data='{"studentNos":["1"', headers=JSON)
probe('applications: 5001 numbers', 'th1', 'POST', '/api/batches/202601/applications', json={'studentNos': [str(10**12 + i) for i in range(5001)]})
probe('applications: [null]', 'th1', 'POST', '/api/batches/202601/applications', all_refused, json={'studentNos': [None]})
probe('applications: numbers as ints', 'th1', 'POST', '/api/batches/202601/applications', all_refused, json={'studentNos': [2440200000193]})
probe('applications: SQL', 'th1', 'POST', '/api/batches/202601/applications', all_refused, json={'studentNos': [SQL, "'; DROP TABLE application; --"]})
probe('applications: 12 MB', 'th1', 'POST', '/api/batches/202601/applications', data=HUGE, headers=JSON)
probe('applications: unknown batch', 'th1', 'POST', '/api/batches/..%2F/applications', json={'studentNos': ['2440100000196']})
# --- photos
JPG = requests.get(B + f'/api/students/{LIN}/photos/graduation', auth=('th1', 'demo')).content
probe('photo check: unknown profile', 'th1', 'POST', '/api/photos/check?profile=%27--', files={'file': ('a.jpg', JPG)})
probe('photo check: file name 201', 'th1', 'POST', '/api/photos/check?profile=ADMISSION', files={'file': ('a' * 197 + '.jpg', JPG)})
probe('photo check: no file part', 'th1', 'POST', '/api/photos/check?profile=ADMISSION', files={'x': ('a.jpg', JPG)})
probe('photo check: JSON', 'th1', 'POST', '/api/photos/check?profile=ADMISSION', json={'file': 'x'})
probe('photo PUT: another centre\'s student', 'py1', 'PUT', f'/api/students/{TH}/photos/graduation', files={'file': (f'{TH}.jpg', JPG)})
probe('photo PUT: another branch', 'bj1', 'PUT', f'/api/students/{TH}/photos/admission', files={'file': (f'{TH}.jpg', JPG)})
probe('photo PUT: traversal kind', 'th1', 'PUT', f'/api/students/{TH}/photos/..%2F..%2Fgraduation', files={'file': ('a.jpg', JPG)})
probe('photo PUT: traversal name', 'th1', 'PUT', f'/api/students/{TH}/photos/graduation', files={'file': ('../../../../etc/passwd', b'root:x:0:0')})
probe('photo PUT: a PNG text', 'th1', 'PUT', f'/api/students/{TH}/photos/graduation', files={'file': ('a.jpg', b'\x89PNG\r\n\x1a\n' + b'0' * 100)})
probe('photo PUT: JSON body', 'th1', 'PUT', f'/api/students/{TH}/photos/graduation', json={'file': 'x'})
probe('photo PUT: no body', 'th1', 'PUT', f'/api/students/{TH}/photos/graduation')
probe('photo PUT: name 201', 'th1', 'PUT', f'/api/students/{TH}/photos/graduation', files={'file': ('a' * 197 + '.jpg', JPG)})
probe('photo GET: another centre', 'py1', 'GET', f'/api/students/{TH}/photos/graduation')
probe('photo GET: unknown kind', 'th1', 'GET', f'/api/students/{TH}/photos/passwd')
probe('photo GET: SQL student', 'th1', 'GET', '/api/students/' + requests.utils.quote(SQL) + '/photos/graduation')
# --- photo imports
probe('photo zip: another centre\'s student', 'py1', 'POST', '/api/photo-imports?type=GRADUATION&overwrite=true', 'job',
      files={'file': ('p.zip', zip_of([(f'{TH}.jpg', JPG), ('../' + LIN + '.jpg', JPG), ('/etc/' + LIN + '.jpg', JPG), ('C:' + LIN + '.jpg', JPG)]))})
probe('photo zip: type unknown', 'th1', 'POST', '/api/photo-imports?type=%27--', files={'file': ('p.zip', zip_of([('a.jpg', JPG)]))})
probe('photo zip: overwrite=maybe', 'th1', 'POST', '/api/photo-imports?type=GRADUATION&overwrite=maybe', files={'file': ('p.zip', zip_of([('a.jpg', JPG)]))})
probe('photo zip: not a zip', 'th1', 'POST', '/api/photo-imports?type=GRADUATION', files={'file': ('p.zip', b'hello')})
probe('photo zip: no type', 'th1', 'POST', '/api/photo-imports', files={'file': ('p.zip', zip_of([('a.jpg', JPG)]))})
probe('photo zip: JSON', 'th1', 'POST', '/api/photo-imports?type=GRADUATION', json={})
# --- admission
probe('admission list: a centre of another branch', 'th1', 'GET', f'/api/students/{SMJK_ST}/admission-reviews')
probe('admission list: 招生办 for 广东', 'zsb1', 'GET', f'/api/students/{TH}/admission-reviews')
probe('admission case: 广东 clerk', 'th1', 'GET', '/api/admission-reviews/2')
probe('admission case: id abc', 'zsb1', 'GET', '/api/admission-reviews/abc')
probe('admission case: id overflow', 'zsb1', 'GET', '/api/admission-reviews/99999999999999999999')
probe('admission photo: 广东 clerk', 'th1', 'GET', '/api/admission-reviews/2/photos/admission')
probe('admission photo: kind traversal', 'zsb1', 'GET', '/api/admission-reviews/2/photos/..%2F..%2Fadmission')
probe('admission open: a centre', 'th1', 'POST', '/api/admission-reviews', json={'kind': 'PHOTO_COMPARISON', 'studentNo': SMJK_ST})
probe('admission open: 招生办 for 广东', 'zsb1', 'POST', '/api/admission-reviews', json={'kind': 'PHOTO_CORRECTION', 'studentNo': TH})
probe('admission open: kind SQL', 'zsb1', 'POST', '/api/admission-reviews', json={'kind': "X' OR 1=1", 'studentNo': SMJK_ST})
probe('admission open: malformed', 'zsb1', 'POST', '/api/admission-reviews', data='{"kind":', headers=JSON)
probe('admission open: reason huge', 'zsb1', 'POST', '/api/admission-reviews', json={'kind': 'PRIOR_DEGREE', 'studentNo': '2110100000007', 'reason': LONG})
probe('admission open: studentNo list', 'zsb1', 'POST', '/api/admission-reviews', json={'kind': 'PRIOR_DEGREE', 'studentNo': ['2110100000007']})
probe('admission photo PUT: a centre', 'th1', 'PUT', '/api/admission-reviews/2/photo', files={'file': ('26110101000003.jpg', JPG)})
probe('admission photo PUT: traversal name, another office', 'jwc1', 'PUT', '/api/admission-reviews/2/photo', files={'file': ('../../26110101000003.jpg', JPG)})
probe('self-check PUT: 广东 clerk', 'th1', 'PUT', f'/api/students/{SMJK_ST}/chsi-self-check', json={'checkedOn': '2026-11-20'})
probe('self-check PUT: 教务处 for 广东', 'jwc1', 'PUT', f'/api/students/{TH}/chsi-self-check', json={'checkedOn': '2026-11-20'})
probe('self-check PUT: 2026-02-30', 'jwc1', 'PUT', f'/api/students/{SMJK_ST}/chsi-self-check', json={'checkedOn': '2026-02-30'})
probe('self-check PUT: SQL date', 'jwc1', 'PUT', f'/api/students/{SMJK_ST}/chsi-self-check', json={'checkedOn': "2026-11-20' OR 1=1"})
probe('self-check PUT: year 99999', 'jwc1', 'PUT', f'/api/students/{SMJK_ST}/chsi-self-check', json={'checkedOn': '+99999-01-01'})
probe('self-check PUT: future date', 'jwc1', 'PUT', f'/api/students/{SMJK_ST}/chsi-self-check', json={'checkedOn': '2999-01-01'})
probe('self-check PUT: malformed', 'jwc1', 'PUT', f'/api/students/{SMJK_ST}/chsi-self-check', data='{', headers=JSON)
probe('self-check lists: a centre', 'th1', 'GET', '/api/chsi-self-check-lists/1/students?page=0')
probe('self-check lists: page -1', 'jwc1', 'GET', '/api/chsi-self-check-lists/1/students?page=-1')
probe('self-check lists: page 2^31-1', 'jwc1', 'GET', '/api/chsi-self-check-lists/1/students?page=2147483647')
probe('self-check lists: id abc', 'jwc1', 'GET', '/api/chsi-self-check-lists/abc/students')
# --- identity documents
probe('identity docs: another centre', 'py1', 'GET', f'/api/applications/202601/{TH}/identity-documents')
probe('identity docs: kind traversal', 'th1', 'GET', f'/api/applications/202601/{TH}/identity-documents/..%2F..%2Fetc')
probe('identity docs: kind unknown', 'th1', 'GET', f'/api/applications/202601/{TH}/identity-documents/PASSWD')
# --- self-study
probe('self-study: another candidate', 'ks2', 'GET', '/api/self-study/sessions/2023H1/cases/360102100103')
probe('self-study: a candidate lists (own case only)', 'ks2', 'GET', '/api/self-study/sessions/2023H1/cases',
      lambda r: [c['candidateNo'] for c in r.json()] == ['360102100102'])
probe('self-study: a staff clerk', 'th1', 'GET', '/api/self-study/sessions/2023H1/cases/360102100101')
probe('self-study: start another\'s', 'ks2', 'POST', '/api/self-study/sessions/2023H1/cases', json={'candidateNo': '360102100103'})
probe('self-study: start, malformed', 'ks2', 'POST', '/api/self-study/sessions/2023H1/cases', data='{"candidateNo":', headers=JSON)
probe('self-study: start, session traversal', 'sgks1', 'POST', '/api/self-study/sessions/..%2F..%2F/cases', json={'candidateNo': '360102100101'})
probe('self-study: start, unknown session', 'sgks1', 'POST', '/api/self-study/sessions/%27OR1/cases', json={'candidateNo': '360102100101'})
probe('self-study: start, SQL candidate', 'sgks1', 'POST', '/api/self-study/sessions/2023H1/cases', json={'candidateNo': "1' OR '1'='1"})
probe('self-study: document of another', 'ks2', 'GET', '/api/self-study/sessions/2023H1/cases/360102100101/documents/CERTIFICATE_PHOTO')
probe('self-study: document kind unknown', 'ks1', 'GET', '/api/self-study/sessions/2023H1/cases/360102100101/documents/..%2F')
probe('self-study: form of another', 'ks2', 'GET', '/api/self-study/sessions/2023H1/cases/360102100101/registration-form.pdf')
# --- calendars, working calendar, city windows
CAL = {'scopeFrom': '201803', 'firstRound': {'open': '2026-11-17', 'close': '2026-12-01'}, 'secondRound': {'open': '2027-02-14', 'close': '2027-03-23'},
       'cityReviewDue': '2026-12-08', 'branchReviewDue': '2026-12-15', 'hqReviewDue': '2026-12-22'}
probe('calendar PUT: a centre', 'th1', 'PUT', '/api/batches/202601/calendars/GD', json=CAL)
probe('calendar PUT: a city', 'gz1', 'PUT', '/api/batches/202601/calendars/GD', json=CAL)
probe('calendar PUT: another branch', 'smjk1', 'PUT', '/api/batches/202601/calendars/GD', json=CAL)
probe('calendar PUT: 2026-13-45', 'gd1', 'PUT', '/api/batches/202601/calendars/GD', json=dict(CAL, cityReviewDue='2026-13-45'))
probe('calendar PUT: year 99999', 'gd1', 'PUT', '/api/batches/202601/calendars/GD', json=dict(CAL, cityReviewDue='+99999-01-01'))
probe('calendar PUT: scope SQL', 'gd1', 'PUT', '/api/batches/202601/calendars/GD', json=dict(CAL, scopeFrom="2018' OR 1=1"))
probe('calendar PUT: scope month 13', 'gd1', 'PUT', '/api/batches/202601/calendars/GD', json=dict(CAL, scopeFrom='201813'))
probe('calendar PUT: reminderDays -5', 'gd1', 'PUT', '/api/batches/202601/calendars/GD', json=dict(CAL, reminderDays=-5))
probe('calendar PUT: reminderDays 10^12', 'gd1', 'PUT', '/api/batches/202601/calendars/GD', json=dict(CAL, reminderDays=10**12))
probe('calendar PUT: round an array', 'gd1', 'PUT', '/api/batches/202601/calendars/GD', json=dict(CAL, firstRound=['2026-11-17']))
probe('calendar PUT: malformed', 'gd1', 'PUT', '/api/batches/202601/calendars/GD', data='{"scopeFrom":', headers=JSON)
probe('calendar PUT: empty object', 'gd1', 'PUT', '/api/batches/202601/calendars/GD', json={})
probe('calendar PUT: text/plain', 'gd1', 'PUT', '/api/batches/202601/calendars/GD', data=json.dumps(CAL), headers={'Content-Type': 'text/plain'})
probe('calendar PUT: unknown branch', 'hq1', 'PUT', '/api/batches/202601/calendars/..%2FGD', json=CAL)
probe('calendar PUT: a centre as branch', 'hq1', 'PUT', '/api/batches/202601/calendars/GDGZ01', json=CAL)
probe('calendar PUT: unknown batch', 'hq1', 'PUT', '/api/batches/999999/calendars/GD', json=CAL)
probe('calendar GET: unknown', 'th1', 'GET', '/api/batches/202601/calendars/%27--')
probe('working day PUT: a centre', 'th1', 'PUT', '/api/working-calendar/2027-01-01', json={'kind': 'HOLIDAY', 'name': '元旦'})
probe('working day PUT: a branch', 'gd1', 'PUT', '/api/working-calendar/2027-01-01', json={'kind': 'HOLIDAY', 'name': '元旦'})
probe('working day PUT: 2027-02-30', 'hq1', 'PUT', '/api/working-calendar/2027-02-30', json={'kind': 'HOLIDAY', 'name': 'x'})
probe('working day PUT: traversal date', 'hq1', 'PUT', '/api/working-calendar/..%2F..%2F', json={'kind': 'HOLIDAY', 'name': 'x'})
probe('working day PUT: name 51', 'hq1', 'PUT', '/api/working-calendar/2027-01-01', json={'kind': 'HOLIDAY', 'name': '节' * 51})
probe('working day PUT: name emoji', 'hq1', 'PUT', '/api/working-calendar/2027-01-01', json={'kind': 'HOLIDAY', 'name': '😀'})
probe('working day PUT: name formula', 'hq1', 'PUT', '/api/working-calendar/2027-01-01', json={'kind': "HOLIDAY' --", 'name': FORMULA})
probe('working day PUT: malformed', 'hq1', 'PUT', '/api/working-calendar/2027-01-01', data='{"kind"', headers=JSON)
probe('working day DELETE: a centre', 'th1', 'DELETE', '/api/working-calendar/2026-01-01')
probe('working day DELETE: bad date', 'hq1', 'DELETE', '/api/working-calendar/2026-1-1')
probe('working year: abc', 'th1', 'GET', '/api/working-calendar/abc')
probe('working year: 99999999999', 'th1', 'GET', '/api/working-calendar/99999999999')
probe('working year: -1', 'th1', 'GET', '/api/working-calendar/-1')
probe('city window: a centre', 'th1', 'PUT', '/api/batches/202601/city-windows/GDGZ', json={'round': 'FIRST', 'open': '2026-11-17', 'close': '2026-11-28'})
probe('city window: another city', 'sg1', 'PUT', '/api/batches/202601/city-windows/GDGZ', json={'round': 'FIRST', 'open': '2026-11-17', 'close': '2026-11-28'})
probe('city window: another branch', 'smjk1', 'PUT', '/api/batches/202601/city-windows/GDGZ', json={'round': 'FIRST', 'open': '2026-11-17', 'close': '2026-11-28'})
probe('city window: round SQL', 'gz1', 'PUT', '/api/batches/202601/city-windows/GDGZ', json={'round': "FIRST'--", 'open': '2026-11-17', 'close': '2026-11-28'})
probe('city window: open after close', 'gz1', 'PUT', '/api/batches/202601/city-windows/GDGZ', json={'round': 'FIRST', 'open': '2026-11-29', 'close': '2026-11-18'})
probe('city window: bad date', 'gz1', 'PUT', '/api/batches/202601/city-windows/GDGZ', json={'round': 'FIRST', 'open': '2026-11-31', 'close': '2026-11-28'})
probe('city window: malformed', 'gz1', 'PUT', '/api/batches/202601/city-windows/GDGZ', data='[', headers=JSON)
probe('city window: a centre code', 'gd1', 'PUT', '/api/batches/202601/city-windows/GDGZ01', json={'round': 'FIRST', 'open': '2026-11-17', 'close': '2026-11-28'})
# --- HQ list
probe('hq list start: a centre', 'th1', 'POST', '/api/batches/202601/branches/GD/hq-submissions')
probe('hq list start: a city', 'gz1', 'POST', '/api/batches/202601/branches/GD/hq-submissions')
probe('hq list start: another branch', 'smjk1', 'POST', '/api/batches/202601/branches/GD/hq-submissions')
probe('hq list start: branch SQL', 'gd1', 'POST', '/api/batches/202601/branches/%27OR1%3D1/hq-submissions')
probe('hq list start: batch 7 chars', 'gd1', 'POST', '/api/batches/2026011/branches/GD/hq-submissions')
probe('hq list start: branch 40 chars', 'hq1', 'POST', '/api/batches/202601/branches/' + 'G' * 40 + '/hq-submissions')
probe('hq list: another city\'s centre', 'py1', 'GET', '/api/hq-submissions/1')
probe('hq list: a city, whole list', 'gz1', 'GET', '/api/hq-submissions/1')
probe('hq list: another city', 'sg1', 'GET', '/api/hq-submissions/1/items?city=GDGZ')
probe('hq list: another branch', 'smjk1', 'GET', '/api/hq-submissions/1/items')
probe('hq list: size 10^6', 'gd1', 'GET', '/api/hq-submissions/1/items?size=1000000')
probe('hq list: page -1', 'gd1', 'GET', '/api/hq-submissions/1/items?page=-1')
probe('hq list: city SQL (no such city: nobody)', 'gd1', 'GET', "/api/hq-submissions/1/items?city=GDGZ'--",
      lambda r: r.json()['total'] == 0)
probe('hq list answers: a centre', 'th1', 'GET', '/api/hq-submissions/1/answers')
probe('closures: another centre', 'py1', 'GET', '/api/batches/202601/branches/GD/closures?unit=GDGZ01')
probe('closures: a centre, whole branch', 'th1', 'GET', '/api/batches/202601/branches/GD/closures')
probe('closures: another branch', 'smjk1', 'GET', '/api/batches/202601/branches/GD/closures')
probe('closures: size 10^6', 'gd1', 'GET', '/api/batches/202601/branches/GD/closures?size=1000000')
probe('closures: page -1', 'gd1', 'GET', '/api/batches/202601/branches/GD/closures?page=-1')
probe('cleanup: another centre', 'py1', 'GET', '/api/batches/202601/branches/GD/status-cleanup?unit=GDGZ01')
probe('cleanup: size 0', 'gd1', 'GET', '/api/batches/202601/branches/GD/status-cleanup?size=0')
# --- jobs, imports, exports
probe('job: another user\'s', 'py1', 'GET', '/api/jobs/{JOB}')
probe('job: report, another user\'s', 'py1', 'GET', '/api/jobs/{JOB}/report.xlsx')
probe('job: traversal id', 'th1', 'GET', '/api/jobs/..%2F..%2Fetc%2Fpasswd')
probe('job: SQL id', 'th1', 'GET', "/api/jobs/1'%20OR%20'1'='1")
probe('job: page -1', 'demo', 'GET', '/api/jobs/{JOB}?page=-1&size=1000')
probe('job: size 10^9', 'demo', 'GET', '/api/jobs/{JOB}?page=0&size=1000000000')
probe('job: page 2^31-1', 'demo', 'GET', '/api/jobs/{JOB}?page=2147483647&size=1000')
probe('import: units by a centre', 'th1', 'POST', '/api/imports/units', files={'file': ('u.xlsx', xlsx([['单位代码']]))})
probe('import: staff by a branch', 'gd1', 'POST', '/api/imports/staff', files={'file': ('u.xlsx', xlsx([['登录名']]))})
probe('import: unknown kind', 'th1', 'POST', '/api/imports/..%2Fetc', files={'file': ('u.xlsx', xlsx([['a']]))})
probe('import: mode SQL', 'th1', 'POST', "/api/imports/students?mode=x'--", files={'file': ('u.xlsx', xlsx([['a']]))})
probe('import: not a zip', 'th1', 'POST', '/api/imports/students', files={'file': ('u.xlsx', b'=cmd|"/c calc"!A1,b')})
probe('import: empty', 'th1', 'POST', '/api/imports/students', files={'file': ('u.xlsx', b'')})
probe('import: no file', 'th1', 'POST', '/api/imports/students')
probe('import: JSON', 'th1', 'POST', '/api/imports/students', json={'file': 'x'})
probe('import: another centre\'s students, formulas', 'py1', 'POST', '/api/imports/students?mode=valid-rows', 'job',
      files={'file': ('../../s.xlsx', xlsx([['学号', '姓名', '身份证号', '学习中心代码', '专业代码', '层次', '入学学期', '专升本'],
                                           [TH, FORMULA, '440106199001010011', 'GDGZ01', 'GSGL', '本科', '2023春', '否'],
                                           ['2440200000990', FORMULA, '440106199001010011', 'GDGZ02', 'GSGL', '本科', '2023春', '否']]))})
probe('import: grades of another centre', 'py1', 'POST', '/api/imports/grades?mode=valid-rows', 'job',
      files={'file': ('g.xlsx', xlsx([['学号', '课程代码', '成绩', '考试日期'], [TH, 'X', '100', '2025-01-01']]))})
probe('export: another centre', 'py1', 'GET', '/api/batches/202601/exports/pending.xlsx?unit=GDGZ01')
probe('export: another branch', 'smjk1', 'GET', '/api/batches/202601/exports/roster.xlsx?unit=GD')
probe('export: unknown kind', 'th1', 'GET', '/api/batches/202601/exports/passwd.xlsx')
probe('export: traversal kind', 'th1', 'GET', '/api/batches/202601/exports/..%2F..%2Fetc%2Fpasswd.xlsx')
probe('export: unit SQL', 'th1', 'GET', "/api/batches/202601/exports/pending.xlsx?unit=GDGZ01'%20OR%20'1'='1")
probe('export: unknown batch', 'th1', 'GET', '/api/batches/%27--/exports/pending.xlsx')
probe('export: a centre, statistics', 'th1', 'GET', '/api/batches/202601/exports/statistics.xlsx')
probe('export: no .xlsx', 'th1', 'GET', '/api/batches/202601/exports/pending')
# --- notifications, dashboard, me, chsi rule
probe('notice students: another unit\'s notice', 'py1', 'GET', '/api/notifications/{GDGZ01_NOTICE}/students')
probe('notice students: id abc', 'py1', 'GET', '/api/notifications/abc/students')
probe('notice students: size 10^6', 'th1', 'GET', '/api/notifications/{GDGZ01_NOTICE}/students?size=1000000')
probe('notice students: page -1', 'th1', 'GET', '/api/notifications/{GDGZ01_NOTICE}/students?page=-1')
probe('dashboard: another centre', 'py1', 'GET', '/api/batches/202601/dashboard?unit=GDGZ01')
probe('dashboard: another branch', 'smjk1', 'GET', '/api/batches/202601/dashboard?unit=GD')
probe('dashboard: unknown batch', 'th1', 'GET', '/api/batches/%27--/dashboard')
probe('dashboard: unit SQL', 'th1', 'GET', "/api/batches/202601/dashboard?unit='%20OR%201=1--")
probe('chsi rule PUT: a branch', 'gd1', 'PUT', '/api/branches/GD/chsi-photo-rule', json={'blocksAtInitialAudit': True})
probe('chsi rule PUT: a centre', 'th1', 'PUT', '/api/branches/GD/chsi-photo-rule', json={'blocksAtInitialAudit': True})
probe('chsi rule PUT: value "yes"', 'hq1', 'PUT', '/api/branches/GD/chsi-photo-rule', json={'blocksAtInitialAudit': 'yes'})
probe('chsi rule PUT: empty', 'hq1', 'PUT', '/api/branches/GD/chsi-photo-rule', json={})
probe('chsi rule PUT: malformed', 'hq1', 'PUT', '/api/branches/GD/chsi-photo-rule', data='{', headers=JSON)
probe('chsi rule PUT: a centre code', 'hq1', 'PUT', '/api/branches/GDGZ01/chsi-photo-rule', json={'blocksAtInitialAudit': True})
probe('chsi rule GET: traversal', 'th1', 'GET', '/api/branches/..%2F..%2F/chsi-photo-rule')
# --- engine REST as the clerks
probe('engine: complete another centre\'s task', 'py1', 'POST', '/engine-rest/task/{TH_TASK}/complete', json={'variables': {'applicationKind': {'value': 'DEFERRED'}, 'reason': {'value': 'x'}}})
probe('engine: claim another centre\'s task', 'py1', 'POST', '/engine-rest/task/{TH_TASK}/claim', json={'userId': 'py1'})
probe('engine: claim for a colleague', 'th1', 'POST', '/engine-rest/task/{TH_TASK}/claim', json={'userId': 'demo'})
probe('engine: read another centre\'s task', 'py1', 'GET', '/engine-rest/task/{TH_TASK}')
probe('engine: variables of another centre\'s case', 'py1', 'GET', '/engine-rest/task/{TH_TASK}/variables')
probe('engine: set a variable', 'th1', 'PUT', '/engine-rest/task/{TH_TASK}/variables/hq', json={'value': 'x', 'type': 'String'})
probe('engine: complete with routing variable', 'th1', 'POST', '/engine-rest/task/{TH_TASK}/complete', json={'variables': {'applicationKind': {'value': 'DEFERRED'}, 'tier': {'value': 'HQ'}}})
probe('engine: complete malformed', 'th1', 'POST', '/engine-rest/task/{TH_TASK}/complete', data='{"variables":', headers=JSON)
probe('engine: complete text/plain', 'th1', 'POST', '/engine-rest/task/{TH_TASK}/complete', data='x', headers={'Content-Type': 'text/plain'})
probe('engine: complete 12 MB', 'th1', 'POST', '/engine-rest/task/{TH_TASK}/complete', data=HUGE, headers=JSON)
probe('engine: complete SQL choice', 'th1', 'POST', '/engine-rest/task/{TH_TASK}/complete', json={'variables': {'applicationKind': {'value': "GRADUATION' OR 1=1"}}})
probe('engine: complete, value an object', 'th1', 'POST', '/engine-rest/task/{TH_TASK}/complete', json={'variables': {'applicationKind': {'value': {'a': 1}, 'type': 'Json'}}})
probe('engine: complete, Object type', 'th1', 'POST', '/engine-rest/task/{TH_TASK}/complete', json={'variables': {'applicationKind': {'value': 'rO0ABXQAAXg=', 'type': 'Object', 'valueInfo': {'objectTypeName': 'java.lang.String', 'serializationDataFormat': 'application/x-java-serialized-object'}}}})
probe('engine: delete the instance', 'gd1', 'DELETE', '/engine-rest/process-instance/{TH_PI}')
probe('engine: modify the instance', 'gd1', 'POST', '/engine-rest/process-instance/{TH_PI}/modification', json={'instructions': [{'type': 'startBeforeActivity', 'activityId': 'HqFinalReview'}]})
probe('engine: set instance variable', 'gd1', 'PUT', '/engine-rest/process-instance/{TH_PI}/variables/tier', json={'value': 'HQ', 'type': 'String'})
probe('engine: start an application', 'py1', 'POST', '/engine-rest/process-definition/key/graduation-application/start', json={'businessKey': '202601-2440100000196'})
probe('engine: HQ list of another branch', 'smjk1', 'POST', '/engine-rest/process-definition/key/hq-submission/submit-form', json={'variables': {'batchCode': {'value': '202601'}, 'branch': {'value': 'GD'}}})
probe('engine: HQ list, SQL branch', 'gd1', 'POST', '/engine-rest/process-definition/key/hq-submission/submit-form', json={'variables': {'batchCode': {'value': '202601'}, 'branch': {'value': "GD' OR 1=1"}}})
probe('engine: create a user', 'th1', 'POST', '/engine-rest/user/create', json={'profile': {'id': 'evil', 'firstName': 'e', 'lastName': 'v'}, 'credentials': {'password': 'evil12345'}})
probe('engine: grant an authorization', 'gd1', 'POST', '/engine-rest/authorization/create', json={'type': 1, 'permissions': ['ALL'], 'userId': 'gd1', 'resourceType': 8, 'resourceId': '*'})
probe('engine: deploy', 'gd1', 'POST', '/engine-rest/deployment/create', files={'x.bpmn': ('x.bpmn', b'<definitions/>')})
probe('engine: task query SQL sort', 'th1', 'GET', "/engine-rest/task?sortBy=name'--&sortOrder=asc&maxResults=5")
probe('engine: task query orderBy injection', 'th1', 'POST', '/engine-rest/task?maxResults=5', json={'sorting': [{'sortBy': 'name; DROP TABLE ACT_RU_TASK', 'sortOrder': 'asc'}]})
probe('engine: variable query SQL', 'th1', 'GET', "/engine-rest/task?processVariables=studentNo_eq_1'%20OR%20'1'='1&maxResults=5", 'emptylist')
probe('engine: comment 4001', 'th1', 'POST', '/engine-rest/task/{TH_TASK}/comment/create', json={'message': 'x' * 4001})
probe('engine: comment on another centre\'s task', 'py1', 'POST', '/engine-rest/task/{TH_TASK}/comment/create', json={'message': 'x'})


def main():
    demo = s('demo')
    th_task = demo.get(B + f'/engine-rest/task?processInstanceBusinessKey=202601-{TH}&maxResults=1').json()[0]
    job = requests.post(B + '/api/photo-imports?type=GRADUATION', auth=('th1', 'demo'),
                        files={'file': ('p.zip', zip_of([(f'{TH}.jpg', JPG)]))}).json()['jobId']
    notices = [n for n in s('th1').get(B + '/api/notifications').json()]
    subst = {'{TH_TASK}': th_task['id'], '{TH_PI}': th_task['processInstanceId'], '{JOB}': job,
             '{GDGZ01_NOTICE}': str(notices[0]['id']) if notices else '1'}
    import time
    time.sleep(3)
    before = snapshot()
    rows, bad = [], 0
    for name, user, method, path, kw, allowed in P:
        for k, v in subst.items():
            path = path.replace(k, v)
        try:
            r = s(user).request(method, B + path, timeout=120, **kw)
        except requests.RequestException as e:
            rows.append((name, user, 'ERR', str(e)[:120], 'FAIL')); bad += 1; continue
        body = r.text
        msg = ''
        try:
            j = r.json()
            msg = j.get('message', '') if isinstance(j, dict) else ''
        except ValueError:
            j = None
        ok = False
        if 400 <= r.status_code < 500:
            ok = bool(CJK.search(msg)) and not INTERNAL.search(body)
        elif r.status_code in (200, 202) and allowed == 'job':
            jid = j['jobId']
            for _ in range(60):
                jj = s(user).get(B + f'/api/jobs/{jid}').json()
                if jj['state'] not in ('QUEUED', 'RUNNING'):
                    break
                time.sleep(1)
            msg = f"job {jj['state']} applied={jj.get('applied')} " + json.dumps(jj.get('counts'), ensure_ascii=False)
            ok = not jj.get('applied') and not INTERNAL.search(json.dumps(jj, ensure_ascii=False))
        elif r.status_code == 200 and allowed == 'emptylist':
            ok = j == []
            msg = body[:100]
        elif r.status_code in (200, 202) and callable(allowed):
            ok = allowed(r)
            msg = json.dumps(j.get('counts'), ensure_ascii=False) if isinstance(j, dict) and 'counts' in j else body[:100]
        if not ok:
            bad += 1
        rows.append((name, user, r.status_code, (msg or body)[:140].replace('\n', ' '), 'ok' if ok else 'FAIL'))
    after = snapshot()
    changed = [k for k in before if before[k] != after[k]]
    print('| probe | as | status | message | |')
    print('|---|---|---|---|---|')
    for row in rows:
        print('| ' + ' | '.join(str(c).replace('|', '/') for c in row) + ' |')
    print(f'\n{len(rows)} probes, {bad} failed; state changed: {changed or "nothing"}')
    for k in changed:
        print(k, '\n  before:', str(before[k])[:600], '\n  after: ', str(after[k])[:600])
    sys.exit(1 if bad or changed else 0)


if __name__ == '__main__':
    main()

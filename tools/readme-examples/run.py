#!/usr/bin/env python3
"""Runs the README's curl examples in order, as written, against a running demo (localhost:8080).

Usage (from the project folder, the app started with `mvn spring-boot:run` on a fresh ./data/):
    python3 tools/readme-examples/run.py [--list] [--from LINE] [--to LINE]

Each ```bash block is cut into commands (backslash continuations joined); a command's expectation is the
`# ...` comment after it. Single curl commands run with a .curlrc that only appends the status
(`-w`), so the command line itself is the README's. Blocks that define shell functions or variables run
whole, as a reader would paste them. The README's placeholders are filled from earlier answers the way a
reader fills them: <jobId> / 3f0c… / 4f0c… / 5b0c… with the last jobId answered (an engine job's id after
/engine-rest/job), <taskId> with the first id
of the same user's last task list (none: the command is listed as skipped, the reader looks it up). Blocks for the two-node and MySQL set-ups (other ports, a database server) are
listed as skipped. Writes target/readme-examples/report.md and prints it.
"""
import json, os, re, subprocess, sys, tempfile, time

README = 'README.md'
SKIP_PORTS = re.compile(r'localhost:(809[0-9])')
PLACEHOLDER_JOB = re.compile(r'<jobId>|[0-9a-f]{4}…')

def blocks(lines):
    i = 0
    while i < len(lines):
        if lines[i].strip() == '```bash':
            start = i + 1
            j = start
            while lines[j].strip() != '```':
                j += 1
            yield start + 1, lines[start:j]   # 1-based line number of the first line
            i = j
        i += 1

def commands(first_line, body):
    """[(line, command, expectation)]"""
    out, cur, cur_line = [], None, None
    k = 0
    while k < len(body):
        line = body[k]
        n = first_line + k
        if line.startswith('#'):
            if out:
                out[-1][2].append(line[1:].strip())
            k += 1
            continue
        if not line.strip():
            k += 1
            continue
        cmd, start = line, n
        while cmd.rstrip().endswith('\\') or (cmd.count("'") % 2 == 1):
            k += 1
            cmd = (cmd.rstrip()[:-1] if cmd.rstrip().endswith('\\') else cmd + '\n') + body[k]
        trailing = ''
        m = re.search(r"\s{2,}#\s(.*)$", cmd)
        if m and cmd.count("'", 0, m.start()) % 2 == 0:
            trailing, cmd = m.group(1), cmd[:m.start()]
        out.append((start, cmd.strip(), [trailing] if trailing else []))
        k += 1
    return out

def main():
    args = sys.argv[1:]
    lo = int(args[args.index('--from') + 1]) if '--from' in args else 0
    hi = int(args[args.index('--to') + 1]) if '--to' in args else 10**9
    lines = open(README, encoding='utf-8').read().split('\n')
    home = tempfile.mkdtemp(prefix='readme-curl-')
    with open(os.path.join(home, '.curlrc'), 'w') as f:
        f.write('-w "\\n@@HTTP %{http_code}@@\\n"\n')
    env_w = dict(os.environ, HOME=home, CURL_HOME=home)
    env_plain = dict(os.environ, HOME=tempfile.mkdtemp(prefix='readme-plain-'))
    last_job, last_engine_job, tasks_by_user = None, None, {}
    rows = []
    for first, body in blocks(lines):
        if not any('curl' in l for l in body):
            continue
        text = '\n'.join(body)
        if first < lo or first > hi:
            continue
        if '--list' in args:
            for n, c, e in commands(first, body):
                print(n, c[:150].replace('\n', ' '), '=>', ' | '.join(e)[:120])
            continue
        if SKIP_PORTS.search(text) or 'mariadb -uroot' in text:
            rows.append((first, '(block)', 'SKIPPED', 'two nodes / MySQL set-up', ''))
            continue
        whole = re.search(r'^\w+\(\)\s*\{', text, re.M) or re.search(r'^[A-Z]+=', text, re.M)
        if whole:
            t0 = time.time()
            p = subprocess.run(['bash', '-c', text], capture_output=True, text=True, env=env_plain, timeout=600)
            rows.append((first, '(whole block)', p.returncode, '', (p.stdout + p.stderr).strip()))
            continue
        for n, cmd, exp in commands(first, body):
            real = cmd
            um = re.search(r'-u (\w+):', real)
            user = um.group(1) if um else None
            if '/engine-rest/job/<jobId>' in real and last_engine_job:
                real = real.replace('<jobId>', last_engine_job)
            elif PLACEHOLDER_JOB.search(real) and last_job:
                real = PLACEHOLDER_JOB.sub(last_job, real)
            if '<taskId>' in real and user in tasks_by_user:
                # the reader's "<taskId>": the first task the same user's last task query answered
                real = real.replace('<taskId>', tasks_by_user.pop(user))
            if '<' in real and re.search(r'<\w+>', real):
                rows.append((n, cmd, 'SKIPPED', ' | '.join(exp), 'placeholder not filled'))
                continue
            is_curl = real.startswith('curl ')
            p = subprocess.run(['bash', '-c', real], capture_output=True, text=True,
                               env=env_w if is_curl else env_plain, timeout=600)
            outp = p.stdout
            status = p.returncode
            m = re.search(r'@@HTTP (\d+)@@', outp)
            if m:
                status = int(m.group(1))
                outp = outp[:m.start()].rstrip()
            try:
                j = json.loads(outp)
                if isinstance(j, dict) and j.get('jobId'):
                    last_job = j['jobId']
                if isinstance(j, list) and j and isinstance(j[0], dict) and 'taskDefinitionKey' in j[0]:
                    tasks_by_user[user] = j[0]['id']
                if isinstance(j, list) and j and isinstance(j[0], dict) and 'jobDefinitionId' in j[0]:
                    last_engine_job = j[0]['id']
            except Exception:
                pass
            if p.returncode and not m:
                outp = outp + ' ' + p.stderr.strip()[-300:]
            rows.append((n, cmd if real == cmd else cmd + '  ⇒  ' + real, status, ' | '.join(exp), outp.strip()))
            time.sleep(float(os.environ.get('README_PAUSE', '0')))
    if '--list' in args:
        return
    os.makedirs('target/readme-examples', exist_ok=True)
    with open('target/readme-examples/report.md', 'w', encoding='utf-8') as f:
        for n, c, st, e, body in rows:
            f.write(f'### line {n}: {st}\n```\n{c}\n```\nexpected: {e}\n\n```\n{body[:1500]}\n```\n\n')
    for n, c, st, e, body in rows:
        print(f'{n}\t{st}\t{c[:110]!r}\n\texp: {e[:160]}\n\tgot: {body[:400]!r}')

if __name__ == '__main__':
    main()

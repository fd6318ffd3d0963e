#!/usr/bin/env python3
"""Writes the Chinese locale (zh.json) of Camunda's Welcome, Tasklist, Admin and Cockpit.

GradFlow's own translation: glossary.json maps each English text of the webjar's en.json files to
its Chinese, so the same English reads the same everywhere (about 1,900 texts for 3,600 keys).
overrides.json ("app/KEY": "中文") is for the rare key whose English needs another Chinese there.

After a Camunda upgrade: run this script; it lists the English texts the glossary lacks (the
WebappLocaleTest fails on them too). Add them to glossary.json and run it again.

    python3 tools/webapp-zh/generate.py [path/to/camunda-webapp-webjar-X.jar]
"""
import glob
import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TARGET = os.path.join(REPO, 'src/main/resources/META-INF/resources/webjars/camunda/app/{app}/locales/zh.json')
APPS = ['welcome', 'tasklist', 'admin', 'cockpit']

# moment.js locale for the date filters: ISO-like dates, 24-hour clock, Chinese names and relative
# times ("8 天后", "3 小时前"); weeks start on Monday.
DATE_LOCALES = {
    'calendar': {
        'lastDay': '[昨天] LT', 'lastWeek': '[上]dddd LT', 'nextDay': '[明天] LT',
        'nextWeek': '[下]dddd LT', 'sameDay': '[今天] LT', 'sameElse': 'L'},
    'longDateFormat': {
        'L': 'YYYY-MM-DD', 'LL': 'YYYY年M月D日', 'LLL': 'YYYY-MM-DD HH:mm',
        'LLLL': 'YYYY年M月D日 dddd HH:mm', 'LT': 'HH:mm', 'LTS': 'HH:mm:ss',
        'l': 'YYYY-MM-DD', 'll': 'YYYY年M月D日', 'lll': 'YYYY-MM-DD HH:mm', 'llll': 'YYYY年M月D日 ddd HH:mm'},
    'months': ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
    'monthsShort': ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    'relativeTime': {
        'M': '1 个月', 'MM': '%d 个月', 'd': '1 天', 'dd': '%d 天', 'future': '%s后', 'h': '1 小时',
        'hh': '%d 小时', 'm': '1 分钟', 'mm': '%d 分钟', 'past': '%s前', 's': '几秒', 'y': '1 年', 'yy': '%d 年'},
    'week': {'dow': 1, 'doy': 4},
    'weekdays': ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
    'weekdaysMin': ['日', '一', '二', '三', '四', '五', '六'],
    'weekdaysShort': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
}


def webjar(argv):
    if len(argv) > 1:
        return argv[1]
    jars = sorted(glob.glob(os.path.expanduser(
        '~/.m2/repository/org/camunda/bpm/webapp/camunda-webapp-webjar/*/camunda-webapp-webjar-*.jar')))
    jars = [j for j in jars if not j.endswith(('-sources.jar', '-javadoc.jar'))]
    if not jars:
        sys.exit('camunda-webapp-webjar not found in ~/.m2: run mvn once or pass the jar')
    return jars[-1]


def main(argv):
    jar = webjar(argv)
    glossary = json.load(open(os.path.join(HERE, 'glossary.json'), encoding='utf-8'))
    overrides_file = os.path.join(HERE, 'overrides.json')
    overrides = json.load(open(overrides_file, encoding='utf-8')) if os.path.exists(overrides_file) else {}
    missing = []
    with zipfile.ZipFile(jar) as z:
        for app in APPS:
            en = json.loads(z.read(f'META-INF/resources/webjars/camunda/app/{app}/locales/en.json').decode('utf-8-sig'))
            labels = {}
            for key, text in en['labels'].items():
                zh = overrides.get(f'{app}/{key}', glossary.get(text))
                if zh is None:
                    missing.append((app, key, text))
                    zh = text
                labels[key] = zh
            out = {'dateLocales': DATE_LOCALES, 'labels': labels} if 'dateLocales' in en else {'labels': labels}
            with open(TARGET.format(app=app), 'w', encoding='utf-8') as f:
                json.dump(out, f, ensure_ascii=False, indent=2)
                f.write('\n')
            print(f'{app}: {len(labels)} keys')
    for app, key, text in missing:
        print(f'MISSING {app}/{key}: {json.dumps(text, ensure_ascii=False)}')
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

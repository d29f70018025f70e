"""Seeds fuzz/corpus/TARGET/ from the test fixtures and sample data of this checkout.

Each fixture's body (the file without its header line) is put behind every header variant of
its target: the first byte of an input picks the header (see fuzz/src/lib.rs, `file_from`), so
one seed per selector, with and without the bit that makes the body valid UTF-8. The header
counts are read from `headers::` in fuzz/src/lib.rs, so a header added there is seeded too.
`detect` and `end_to_end` get every fixture whole.

Run from anywhere: python3 fuzz/seed.py
"""

import glob
import hashlib
import os
import re

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
fx = f'{root}/tests/fixtures'
sample = f'{root}/sample-data'


def header_counts():
    """The number of header lines in each `pub const NAME: &[&str]` of `headers::`."""
    text = open(f'{root}/fuzz/src/lib.rs', encoding='utf-8').read()
    text = text[text.index('pub mod headers'):]
    counts = {}
    for m in re.finditer(r'pub const (\w+): &\[&str\] = &\[', text):
        i, n = m.end(), 0
        while True:
            while text[i].isspace() or text[i] == ',':
                i += 1
            if text.startswith('//', i):
                i = text.index('\n', i)
            elif text[i] == ']':
                break
            elif text[i] == 'r':
                hashes = re.match(r'r(#*)"', text[i:]).group(1)
                i = text.index('"' + hashes, i + 2 + len(hashes)) + 1 + len(hashes)
                n += 1
            elif text[i] == '"':
                i += 1
                while text[i] != '"':
                    i += 2 if text[i] == '\\' else 1
                i += 1
                n += 1
            else:
                raise ValueError(f'unexpected {text[i:i + 20]!r} in headers::{m.group(1)}')
        counts[m.group(1)] = n
    return counts


def put(target, data):
    d = f'{root}/fuzz/corpus/{target}'
    os.makedirs(d, exist_ok=True)
    with open(f'{d}/{hashlib.sha1(data).hexdigest()}', 'wb') as out:
        out.write(data)


def body(path):
    data = open(path, 'rb').read()
    i = data.find(b'\n')
    return data[i + 1:] if i >= 0 else b''


def app(name, *samples):
    """An app's fixtures, its bad inputs, its language fixtures and its sample data."""
    return (glob.glob(f'{fx}/{name}/*') + glob.glob(f'{fx}/bad/{name}/*')
            + glob.glob(f'{fx}/lang/{name}/*') + [f'{sample}/{s}' for s in samples])


groups = {
    'generic_csv': glob.glob(f'{fx}/*.csv') + glob.glob(f'{fx}/bad/generic/*.csv') + [f'{sample}/month.csv'],
    'generic_json': glob.glob(f'{fx}/*.json') + glob.glob(f'{fx}/bad/json/*.json'),
    'strong': app('strong', 'strong.csv'),
    'hevy': app('hevy', 'hevy_workouts.csv'),
    'fitnotes': app('fitnotes', 'fitnotes.csv'),
    'strava': app('strava', 'strava_activities.csv'),
    'garmin': app('garmin', 'garmin_activities.csv'),
    'fitbod': app('fitbod', 'fitbod_WorkoutExport.csv'),
    'peloton': app('peloton', 'peloton_workouts.csv'),
    'concept2': app('concept2', 'concept2_season.csv'),
    'runkeeper': app('runkeeper', 'runkeeper_cardioActivities.csv'),
    'trainingpeaks': app('trainingpeaks', 'trainingpeaks_workouts.csv'),
    'whoop': app('whoop', 'whoop_workouts.csv'),
    'healthexport': app('healthexport', 'healthexport_workouts.csv'),
}
counts = header_counts()
for target, files in groups.items():
    selectors = counts[target.upper()]
    for f in files:
        if not os.path.isfile(f):
            continue
        b = body(f)
        if target == 'generic_json':
            data = open(f, 'rb').read().lstrip()
            b = data[1:] if data.startswith(b'[') else data
        b = b[:4000]
        for sel in range(selectors):
            put(target, bytes([0x40 | sel]) + b)
            put(target, bytes([sel]) + b)
allfiles = [f for f in glob.glob(f'{fx}/**/*', recursive=True) if os.path.isfile(f)] + glob.glob(f'{sample}/*')
for f in allfiles:
    data = open(f, 'rb').read()[:4000]
    put('detect', data)
    put('end_to_end', data)
for t in sorted(groups.keys() | {'detect', 'end_to_end'}):
    print(t, len(os.listdir(f'{root}/fuzz/corpus/{t}')))

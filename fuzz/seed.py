import os, glob, hashlib
root = '/work/main'
fx = f'{root}/tests/fixtures'
def put(target, data):
    d = f'{root}/fuzz/corpus/{target}'
    os.makedirs(d, exist_ok=True)
    open(f'{d}/{hashlib.sha1(data).hexdigest()}', 'wb').write(data)
def body(path):
    data = open(path, 'rb').read()
    i = data.find(b'\n')
    return data[i+1:] if i >= 0 else b''
groups = {
  'generic_csv': [f for f in glob.glob(f'{fx}/*.csv') + glob.glob(f'{fx}/bad/generic/*.csv') + glob.glob(f'{root}/sample-data/month.csv')],
  'generic_json': glob.glob(f'{fx}/*.json') + glob.glob(f'{fx}/bad/json/*.json'),
  'strong': glob.glob(f'{fx}/strong/*.csv') + glob.glob(f'{fx}/bad/strong/*') + [f'{root}/sample-data/strong.csv'],
  'hevy': glob.glob(f'{fx}/hevy/*.csv') + glob.glob(f'{fx}/bad/hevy/*'),
  'fitnotes': glob.glob(f'{fx}/fitnotes/*.csv') + glob.glob(f'{fx}/bad/fitnotes/*'),
  'strava': glob.glob(f'{fx}/strava/*.csv') + glob.glob(f'{fx}/bad/strava/*') + [f'{root}/sample-data/strava_activities.csv'],
  'garmin': glob.glob(f'{fx}/garmin/*.csv') + glob.glob(f'{fx}/bad/garmin/*'),
}
for target, files in groups.items():
    for f in files:
        if not os.path.exists(f): continue
        b = body(f)
        if target == 'generic_json':
            data = open(f, 'rb').read().lstrip()
            b = data[1:] if data.startswith(b'[') else data
        if len(b) > 4000: b = b[:4000]
        for sel in range(4):
            put(target, bytes([0x40 | sel]) + b)
            put(target, bytes([sel]) + b)
allfiles = [f for f in glob.glob(f'{fx}/**/*', recursive=True) if os.path.isfile(f)] + glob.glob(f'{root}/sample-data/*')
for f in allfiles:
    data = open(f, 'rb').read()[:4000]
    put('detect', data)
    put('end_to_end', data)
for t in groups.keys() | {'detect', 'end_to_end'}:
    print(t, len(os.listdir(f'{root}/fuzz/corpus/{t}')))

#!/usr/bin/env python3
"""Validate data/corpus/{train,heldout}.jsonl against docs/data/items.md and print counts.
Stdlib only.  Usage: python3 data/corpus/check.py [--md]   (exit status 1 on any error)"""
import collections, glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ELEC_DIR = os.path.join(HERE, '..', 'elections')
SPLITS = ('train', 'heldout')
PLATFORMS = {'x', 'facebook', 'instagram', 'tiktok', 'youtube', 'whatsapp', 'telegram', 'other'}
ACTS = {'post', 'comment', 'share', 'like', 'follow', 'join', 'photo_caption'}
REGISTERS = {'campaign', 'news', 'chatter', 'criticism', 'sarcasm', 'question', 'disguised',
             'hard_negative'}
STANCES = {'support', 'oppose', 'mention'}
FIELDS = {'id', 'platform', 'act', 'author', 'text', 'target', 'url', 'created_at', 'region',
          'label'}
DATE = re.compile(r'^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$')

def main():
    md = '--md' in sys.argv
    elections = {}
    for f in glob.glob(os.path.join(ELEC_DIR, '*.json')):
        d = json.load(open(f, encoding='utf-8'))
        elections[d['id']] = {c['id'] for c in d['contestants']}
    errors = []
    ids = set()
    rows = []
    for split in SPLITS:
        path = os.path.join(HERE, split + '.jsonl')
        with open(path, 'rb') as fh:
            for no, raw in enumerate(fh, 1):
                where = f'{split}.jsonl:{no}'
                def err(msg):
                    errors.append(f'{where}: {msg}')
                if len(raw) > 1 << 20:
                    err('line over 1 MiB')
                try:
                    o = json.loads(raw.decode('utf-8'))
                except (UnicodeDecodeError, ValueError) as e:
                    err(f'not JSON/UTF-8: {e}')
                    continue
                extra = set(o) - FIELDS
                if extra:
                    err(f'unknown fields {sorted(extra)}')
                if not isinstance(o.get('id'), str) or not o['id'] or \
                        len(o['id'].encode()) > 200:
                    err('bad id')
                elif o['id'] in ids:
                    err(f'duplicate id {o["id"]}')
                ids.add(o.get('id'))
                if o.get('platform') not in PLATFORMS:
                    err(f'bad platform {o.get("platform")}')
                act = o.get('act')
                if act not in ACTS:
                    err(f'bad act {act}')
                a = o.get('author')
                if not isinstance(a, dict) or not a.get('handle') or a['handle'].startswith('@'):
                    err('author.handle missing or starts with @')
                text = o.get('text')
                if act in ('post', 'comment', 'photo_caption') and not (isinstance(text, str) and text.strip()):
                    err(f'{act} without text')
                if act in ('like', 'follow', 'join') and text:
                    err(f'{act} with own text')
                t = o.get('target')
                if act in ('comment', 'share', 'like', 'follow', 'join'):
                    if not (isinstance(t, dict) and t.get('author') and isinstance(t.get('text'), str)):
                        err(f'{act} without target {{author, text}}')
                if not isinstance(o.get('created_at'), str) or not DATE.match(o['created_at']):
                    err(f'bad created_at {o.get("created_at")}')
                if 'region' in o and not re.match(r'^\d{2}(\.\d{2}){0,3}$', o['region']):
                    err(f'bad region {o["region"]}')
                lab = o.get('label')
                if not isinstance(lab, dict):
                    err('no label')
                    continue
                el = lab.get('election')
                if el not in elections:
                    err(f'unknown election {el}')
                    continue
                st = lab.get('stances')
                if not isinstance(st, dict):
                    err('stances not an object')
                    st = {}
                for k, v in st.items():
                    if k not in elections[el]:
                        err(f'stance key {k} not a contestant of {el}')
                    if v not in STANCES:
                        err(f'bad stance {v}')
                if not isinstance(lab.get('asn'), bool):
                    err('asn not boolean')
                if lab.get('register') not in REGISTERS:
                    err(f'bad register {lab.get("register")}')
                rows.append((split, o))
    for e in errors[:50]:
        print('ERROR', e, file=sys.stderr)
    if errors:
        print(f'{len(errors)} errors', file=sys.stderr)
    report(rows, md)
    return 1 if errors else 0

def stance_class(st):
    v = set(st.values())
    if not v:
        return 'none'
    return '+'.join(s for s in ('support', 'oppose', 'mention') if s in v)

def report(rows, md):
    keys = {
        'election': lambda o: o['label']['election'],
        'register': lambda o: o['label']['register'],
        'stance (item has at least one)': None,
        'stance pattern': lambda o: stance_class(o['label']['stances']),
        'act': lambda o: o['act'],
        'platform': lambda o: o['platform'],
        'asn': lambda o: str(o['label']['asn']).lower(),
        'designation': None,
        'month': lambda o: o['created_at'][:7],
    }
    n = collections.Counter(s for s, _ in rows)
    print(f'items: ' + ', '.join(f'{s} {n[s]}' for s in SPLITS) + f', total {len(rows)}')
    authors = {s: len({o['author']['handle'] for t, o in rows if t == s}) for s in SPLITS}
    shared = {o['author']['handle'] for t, o in rows if t == 'train'} & \
        {o['author']['handle'] for t, o in rows if t == 'heldout'}
    print(f'authors: train {authors["train"]}, heldout {authors["heldout"]}, in both {len(shared)}')
    for name, f in keys.items():
        c = collections.defaultdict(collections.Counter)
        for s, o in rows:
            if name.startswith('stance (item'):
                for v in set(o['label']['stances'].values()) or {'(none)'}:
                    c[v][s] += 1
            elif name == 'designation':
                el = o['label']['election']
                day = o['created_at'][:10]
                des = '2023-11-13' if el == 'pilpres-2024' else '2024-09-22'
                if o['label']['stances']:
                    c['before' if day < des else 'on/after'][s] += 1
            else:
                c[f(o)][s] += 1
        print(f'\n{name}' if not md else f'\n| {name} | train | heldout | total | % |\n|---|---:|---:|---:|---:|')
        for k in sorted(c):
            tot = sum(c[k].values())
            pct = 100.0 * tot / len(rows)
            if md:
                print(f'| {k} | {c[k]["train"]} | {c[k]["heldout"]} | {tot} | {pct:.1f} |')
            else:
                print(f'  {k:<28} train {c[k]["train"]:>5}  heldout {c[k]["heldout"]:>4}  total {tot:>5}  {pct:5.1f}%')
    with_st = [o for _, o in rows if o['label']['stances']]
    if with_st:
        sup = sum('support' in o['label']['stances'].values() for o in with_st)
        opp = sum('oppose' in o['label']['stances'].values() for o in with_st)
        men = sum('mention' in o['label']['stances'].values() for o in with_st)
        two = sum(len(o['label']['stances']) >= 2 for o in with_st)
        print(f'\nof {len(with_st)} items with a stance: support {100*sup/len(with_st):.1f}%, '
              f'oppose {100*opp/len(with_st):.1f}%, mention {100*men/len(with_st):.1f}%; '
              f'{two} refer to two or more contestants')
        none = len(rows) - len(with_st)
        print(f'items with no contestant: {none} ({100*none/len(rows):.1f}%)')

if __name__ == '__main__':
    sys.exit(main())

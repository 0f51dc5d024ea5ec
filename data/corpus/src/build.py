#!/usr/bin/env python3
"""Assemble data/corpus/{train,heldout}.jsonl from the hand-written lines in src/*.txt,
the author lists in src/authors.txt and the comment targets in src/targets.txt.

Line format of src/items-*.txt (blank lines and '#' comments ignored):
    @<election id>                       sets the election for the lines below
    <head> | <register> | <text>
<head> is space-separated tokens: an act (post comment share like follow join pc), stance
tokens (s02 = support 02, o01 = oppose 01, m03 = mention 03, '-' = none), date tokens (!pre =
before designation, !post = on/after voting day), platform tokens (%x %facebook ...),
asn overrides (A1 / A0: the text itself shows the author is / is not ASN).
For comment/share/like/follow/join the text is 'target_author :: target text >> own text'
(own text optional).  Disguised lines mark the spans to disguise with {braces}.
Lines of src/added-*.txt (written after the first split) also name their split in the head,
=train or =heldout; they are made after all the others and appended, so adding them changes
none of the items made before.
Stdlib only; deterministic (fixed seed)."""
import collections, json, random, re, sys, os, glob, datetime

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
rnd = random.Random(20241127)

ELECTIONS = {}
for f in glob.glob(os.path.join(OUT, '..', 'elections', '*.json')):
    d = json.load(open(f, encoding='utf-8'))
    ELECTIONS[d['id']] = d
PROV = {'pilgub-dki-2024': '31', 'pilgub-jabar-2024': '32', 'pilgub-jateng-2024': '33',
        'pilgub-jatim-2024': '35'}

def D(s):
    return datetime.date.fromisoformat(s)

# date windows: (designation, number draw, voting)
WIN = {'pilpres': dict(start=D('2023-06-01'), desig=D('2023-11-13'), draw=D('2023-11-14'),
                       vote=D('2024-02-14'), end=D('2024-10-31'), paired=D('2023-10-26')),
       'pilkada': dict(start=D('2024-05-15'), desig=D('2024-09-22'), draw=D('2024-09-23'),
                       vote=D('2024-11-27'), end=D('2024-11-30'), paired=D('2024-08-30'))}

NUMREF = re.compile(r'(\b0[1-4]\b|nomor|\bno\.? ?[1-4]\b|paslon|urut|[1-4]\ufe0f?\u20e3|'
                    r'jari|\u261d|\u270c|\U0001f91f|satu putaran|\bsatu\b|\bdua\b|\btiga\b|'
                    r'\bempat\b|coblos|nyoblos|contreng)', re.I)

ELECTION_TALK = re.compile(r'(pilgub|pilkada|pilpres|pemilu|capres|cagub|paslon|calon|\btps\b|kpps|'
                           r'nyoblos|coblos|surat suara|debat|kampanye|quick count|\bdpt\b|'
                           r'netralitas|saksi|bilik|tinta|jari ungu|kotak suara|baliho|spanduk|'
                           r'\bpps\b|hari tenang|masa tenang|milih|pilih)', re.I)

def rand_date(a, b):
    n = (b - a).days
    return a + datetime.timedelta(days=rnd.randint(0, max(n, 0)))

def pick_date(elec, tags, text, stances):
    w = WIN['pilpres' if elec == 'pilpres-2024' else 'pilkada']
    if '!post' in tags:
        return rand_date(w['vote'], w['end'])
    if '!pre' in tags:
        return rand_date(w['start'], w['desig'] - datetime.timedelta(days=1))
    if '!any' in tags or (not stances and not ELECTION_TALK.search(text)):
        return rand_date(D('2023-06-01'), D('2024-11-30'))
    if not stances:
        # talk about the election itself (TPS, debat, KPPS, netralitas ...): its campaign
        return rand_date(w['start'], w['vote'])
    if NUMREF.search(text):
        return rand_date(w['draw'], w['vote'] - datetime.timedelta(days=1))
    # pairs are known from registration on (pilpres 2023-10-19..25, pilkada 2024-08-27..29);
    # earlier dates only for lines marked !pre
    return rand_date(w['paired'], w['vote'] - datetime.timedelta(days=1))

def stamp(d):
    if rnd.random() < 0.3:
        return d.isoformat()
    h, m, s = rnd.randint(5, 23), rnd.randint(0, 59), rnd.randint(0, 59)
    return f'{d.isoformat()}T{h:02d}:{m:02d}:{s:02d}+07:00'

# ---------- authors ----------
def load_authors():
    """authors.txt: sections [train] [heldout] [news]; lines
       asn|region|handle|name|bio   (asn 1/0; region may be '-' = any)"""
    pools = {}
    sec = None
    for ln in open(os.path.join(HERE, 'authors.txt'), encoding='utf-8'):
        ln = ln.rstrip('\n')
        if not ln.strip() or ln.startswith('#'):
            continue
        if ln.startswith('['):
            sec = ln.strip('[] ')
            pools.setdefault(sec, [])
            continue
        p = ln.split('|')
        asn, reg, handle, name, bio = p[0], p[1], p[2], p[3], '|'.join(p[4:])
        pools[sec].append(dict(asn=asn == '1', region=reg, handle=handle, name=name,
                               bio=bio))
    return pools

def load_targets():
    t = {}
    sec = None
    for ln in open(os.path.join(HERE, 'targets.txt'), encoding='utf-8'):
        ln = ln.rstrip('\n')
        if not ln.strip() or ln.startswith('#'):
            continue
        if ln.startswith('['):
            sec = ln.strip('[] ')
            t.setdefault(sec, [])
            continue
        a, txt = ln.split('::', 1)
        t[sec].append(dict(author=a.strip(), text=txt.strip()))
    return t

# ---------- disguise ----------
def _map(s, lo, up, dig=None):
    o = []
    for ch in s:
        if 'a' <= ch <= 'z':
            o.append(chr(lo + ord(ch) - 97))
        elif 'A' <= ch <= 'Z':
            o.append(chr(up + ord(ch) - 65))
        elif dig is not None and '0' <= ch <= '9':
            o.append(chr(dig + ord(ch) - 48))
        else:
            o.append(ch)
    return ''.join(o)

def bold(s): return _map(s, 0x1D41A, 0x1D400, 0x1D7CE)
def italic_bold(s): return _map(s, 0x1D482, 0x1D468)
def script_bold(s): return _map(s, 0x1D4EA, 0x1D4D0)
def sans_bold(s): return _map(s, 0x1D5EE, 0x1D5D4, 0x1D7EC)
def fraktur_bold(s): return _map(s, 0x1D586, 0x1D56C)
def fullwidth(s):
    return ''.join(chr(ord(c) + 0xFEE0) if '!' <= c <= '~' else c for c in s)
def circled(s):
    o = []
    for c in s:
        if 'a' <= c <= 'z': o.append(chr(0x24D0 + ord(c) - 97))
        elif 'A' <= c <= 'Z': o.append(chr(0x24B6 + ord(c) - 65))
        else: o.append(c)
    return ''.join(o)
LEET = {'a': '4', 'e': '3', 'i': '1', 'o': '0', 's': '5', 't': '7', 'g': '9'}
def leet(s):
    o = []
    for c in s:
        l = c.lower()
        if l in LEET and rnd.random() < 0.75:
            o.append(LEET[l] if not (l == 'a' and rnd.random() < 0.3) else '@')
        else:
            o.append(c)
    return ''.join(o)
def spaced(s):
    sep = rnd.choice([' ', ' ', '.', '-', '_', ' . '])
    return sep.join(c for c in s.upper() if c != ' ')
def elongate(s):
    vs = [i for i, c in enumerate(s) if c.lower() in 'aiueo']
    if not vs:
        return s
    i = rnd.choice(vs[-2:])
    return s[:i] + s[i] * rnd.randint(3, 6) + s[i + 1:]
ZW = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad']
def zerowidth(s):
    z = rnd.choice(ZW)
    return ''.join(c + (z if rnd.random() < 0.5 and c != ' ' else '') for c in s[:-1]) + s[-1]
CYR = {'a': '\u0430', 'e': '\u0435', 'o': '\u043e', 'p': '\u0440', 'c': '\u0441',
       'x': '\u0445', 'y': '\u0443', 'A': '\u0410', 'B': '\u0412', 'E': '\u0415',
       'K': '\u041a', 'M': '\u041c', 'H': '\u041d', 'O': '\u041e', 'P': '\u0420',
       'C': '\u0421', 'T': '\u0422', 'X': '\u0425', 'i': '\u0456', 'I': '\u0406',
       'j': '\u0458', 's': '\u0455', 'S': '\u0405'}
def cyrillic(s):
    o = []; n = 0
    for c in s:
        if c in CYR and (rnd.random() < 0.5 or n == 0):
            o.append(CYR[c]); n += 1
        else:
            o.append(c)
    return ''.join(o)
SMALL = dict(zip('abcdefghijklmnoprstuvwyz', 'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ'))
def smallcaps(s):
    return ''.join(SMALL.get(c.lower(), c) for c in s)
def dotted(s):
    return '.'.join(s)
TRANSFORMS = [bold, bold, italic_bold, script_bold, sans_bold, fraktur_bold, fullwidth,
              fullwidth, circled, leet, leet, leet, spaced, spaced, elongate, zerowidth,
              zerowidth, cyrillic, cyrillic, smallcaps, dotted]

def disguise(text):
    spans = re.findall(r'\{([^}]*)\}', text)
    if not spans:
        return text, None
    plain = text.replace('{', '').replace('}', '')
    for _ in range(10):
        f = rnd.choice(TRANSFORMS)
        out = re.sub(r'\{([^}]*)\}', lambda m: f(m.group(1)), text)
        if out != plain:
            break
    whole = f in (bold, italic_bold, script_bold, sans_bold, fullwidth, smallcaps) and \
        rnd.random() < 0.25
    if whole:
        return f(text.replace('{', '').replace('}', '')), f.__name__ + '-all'
    return out, f.__name__

# ---------- items ----------
ACTS = {'post', 'comment', 'share', 'like', 'follow', 'join', 'pc'}
PLAT = {'post': ['x', 'x', 'x', 'facebook', 'facebook', 'whatsapp', 'telegram', 'tiktok',
                 'instagram'],
        'comment': ['youtube', 'youtube', 'instagram', 'instagram', 'tiktok', 'tiktok',
                    'facebook', 'facebook', 'x'],
        'share': ['facebook', 'facebook', 'whatsapp', 'whatsapp', 'x', 'telegram'],
        'like': ['x', 'instagram', 'instagram', 'facebook', 'tiktok', 'youtube'],
        'follow': ['instagram', 'instagram', 'x', 'tiktok', 'tiktok', 'facebook', 'youtube'],
        'join': ['whatsapp', 'whatsapp', 'telegram', 'telegram', 'facebook'],
        'photo_caption': ['instagram', 'instagram', 'instagram', 'facebook', 'tiktok']}
PLATS = {'x', 'facebook', 'instagram', 'tiktok', 'youtube', 'whatsapp', 'telegram'}

def parse(pattern='items-*.txt'):
    items = []
    for f in sorted(glob.glob(os.path.join(HERE, pattern))):
        elec = None
        for no, ln in enumerate(open(f, encoding='utf-8'), 1):
            ln = ln.rstrip('\n')
            if not ln.strip() or ln.lstrip().startswith('#'):
                continue
            if ln.startswith('@'):
                elec = ln[1:].strip()
                assert elec in ELECTIONS, (f, no, elec)
                continue
            parts = ln.split(' | ', 2)
            if len(parts) != 3:
                sys.exit(f'{f}:{no}: bad line: {ln}')
            head, reg, text = parts
            for tag in ('!post', '!pre'):
                if text.rstrip().endswith(' ' + tag):
                    text = text.rstrip()[:-len(tag)].rstrip()
                    head += ' ' + tag
            act, st, tags, plat, asn = None, {}, set(), None, None
            for tok in head.split():
                if tok in ACTS:
                    act = 'photo_caption' if tok == 'pc' else tok
                elif tok == '-':
                    pass
                elif tok[0] in 'som' and tok[1:].isdigit():
                    st[tok[1:]] = {'s': 'support', 'o': 'oppose', 'm': 'mention'}[tok[0]]
                elif tok.startswith('!'):
                    tags.add(tok)
                elif tok in ('=train', '=heldout') and pattern != 'items-*.txt':
                    tags.add(tok)
                elif tok.startswith('%') and tok[1:] in PLATS:
                    plat = tok[1:]
                elif tok in ('A1', 'A0'):
                    asn = tok == 'A1'
                else:
                    sys.exit(f'{f}:{no}: bad token {tok}')
            ids = {c['id'] for c in ELECTIONS[elec]['contestants']}
            for k in st:
                if k not in ids:
                    sys.exit(f'{f}:{no}: {k} not a contestant of {elec}')
            if pattern != 'items-*.txt' and len(tags & {'=train', '=heldout'}) != 1:
                sys.exit(f'{f}:{no}: an added line names its split: =train or =heldout')
            items.append(dict(src=f'{os.path.basename(f)}:{no}', elec=elec, act=act, st=st,
                              tags=tags, plat=plat, asn=asn, reg=reg.strip(), text=text.strip()))
    return items

def _alias_re():
    words = set()
    for d in ELECTIONS.values():
        for c in d['contestants']:
            for w in c['names'] + c['aliases'] + c['hashtags'] + c['slogans']:
                words.add(w.lower())
    words |= {'abah', 'imin', 'gemoy', 'emil', 'khofifah', 'risma', 'luluk', 'lukman', 'hans',
              'yasin', 'luthfi', 'andika', 'hendi', 'dedi', 'kdm', 'asih', 'jeje', 'ronal',
              'acep', 'gita', 'pram', 'doel', 'dharma', 'rido', 'rk', 'ganjar', 'anies',
              'prabowo', 'gibran', 'mahfud', 'amin', 'gama', 'luman'}
    alts = sorted(words, key=len, reverse=True)
    return re.compile(r'(?<!\w)(' + '|'.join(re.escape(w) for w in alts) + r')(?!\w)')
ALIAS_RE = None

def masked_words(it):
    global ALIAS_RE
    if ALIAS_RE is None:
        ALIAS_RE = _alias_re()
    t = it['text'].lower().replace('{', '').replace('}', '')
    t = ALIAS_RE.sub('x', t)
    t = re.sub(r'\d', 'n', t)
    t = re.sub(r'\b(siji|hiji|satu|loro|dua|telu|tiga|opat|papat|empat|kahiji|kadua|katilu)\b',
               'n', t)
    t = re.sub(r'[^\w\s]', ' ', t)
    return t.split()

def skeleton(it):
    return ' '.join(masked_words(it)[:4])

REGS = {'campaign', 'news', 'chatter', 'criticism', 'sarcasm', 'question', 'disguised',
        'hard_negative'}

def main():
    items = parse()
    authors = load_authors()
    targets = load_targets()
    # Lines written as parallel families (the same sentence for each contestant) must not
    # straddle the split: group lines by a skeleton (contestant words -> X, digits -> N,
    # first four words) and put whole groups into one split.
    # Also join lines whose masked word sets overlap strongly (Jaccard >= 0.5), so that
    # "Yang milih X, absen dulu" and "Yang milih Y, mana suaranya?" stay together.
    parent = {}
    def find(k):
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k
    sk = {id(it): skeleton(it) for it in items}
    bags = [(sk[id(it)], set(masked_words(it))) for it in items]
    bags = [(k, b) for k, b in bags if len(b) >= 3]
    size = collections.Counter(sk.values())
    for i in range(len(bags)):
        ki, bi = bags[i]
        for j in range(i + 1, len(bags)):
            kj, bj = bags[j]
            if len(bi & bj) * 2 >= len(bi | bj):
                a, b = find(ki), find(kj)
                # short lines chain easily; cap a family at 12 lines
                if a != b and size[a] + size[b] <= 12:
                    parent[a] = b
                    size[b] += size[a]
    groups = {}
    for it in items:
        groups.setdefault(find(sk[id(it)]), []).append(it)
    keys = sorted(groups)
    rnd.shuffle(keys)
    n_ho = round(len(items) * 0.25)
    split_of = {}
    taken = 0
    for k in keys:
        if taken < n_ho and taken + len(groups[k]) <= n_ho + 5:
            split_of[k] = 'heldout'
            taken += len(groups[k])
        else:
            split_of[k] = 'train'
    rnd.shuffle(items)
    out = {'train': [], 'heldout': []}
    use = {}
    side = {}
    # a pilpres relawan bio fixes the author's side in the pilpres
    for pool in authors.values():
        for a in pool:
            m = re.search(r'Relawan (02|AMIN|Ganjar)', a['bio'])
            if m:
                side[(a['handle'], 'pilpres-2024')] = {
                    {'02': '02', 'AMIN': '01', 'Ganjar': '03'}[m.group(1)]: 'support'}
    def make(it, split):
        assert it['reg'] in REGS, it
        text = it['text']
        tgt = None
        own = text
        if '::' in text:
            a, rest = text.split('::', 1)
            if '>>' in rest:
                t, own = rest.split('>>', 1)
            else:
                t, own = rest, ''
            tgt = {'author': a.strip(), 'text': t.strip()}
            own = own.strip()
        act = it['act']
        if act is None:
            if tgt:
                act = 'comment'
            elif not it['st'] and it['reg'] in ('hard_negative', 'chatter') and \
                    not ELECTION_TALK.search(text):
                act = 'photo_caption' if rnd.random() < 0.2 else 'post'
            else:
                r = rnd.random()
                if it['reg'] in ('campaign', 'chatter', 'hard_negative') and r < 0.15:
                    act = 'photo_caption'
                elif r < (0.9 if it['reg'] == 'news' else 0.72):
                    act = 'post'
                else:
                    act = 'comment'
        if act in ('comment', 'share', 'like', 'follow', 'join') and tgt is None:
            key = f'{split}:{it["elec"]}'
            pool = targets.get(key) or targets[f'{split}:any']
            tgt = dict(rnd.choice(pool))
        if it['reg'] == 'disguised':
            own, how = disguise(own)
            if tgt:
                tgt = dict(tgt)
                if '{' in tgt['text']:
                    tgt['text'], _ = disguise(tgt['text'])
                if '{' in tgt['author']:
                    tgt['author'] = re.sub(r'\{([^}]*)\}', lambda m: leet(m.group(1)).lower(),
                                           tgt['author'])
        assert '{' not in own or it['reg'] != 'disguised', it
        # author
        prov = PROV.get(it['elec'])
        def fits(a):
            # region '-' = any election; '-P' = pilpres only (e.g. a pilpres relawan bio)
            if prov is None:
                return True
            return a['region'] == '-' or a['region'].split('.')[0] == prov
        if it['reg'] == 'news' and act == 'post' and rnd.random() < 0.7:
            pool = [a for a in authors[f'news-{split}'] if fits(a)]
        else:
            pool = [a for a in authors[split] if fits(a)]
            if it['asn'] is not None:
                pool = [a for a in pool if a['bio'].strip() == '' or a['asn'] == it['asn']] or pool
        # one author keeps one side per election: no supporting 01 in one item and 02 (or
        # opposing 01) in another
        def consistent(a):
            seen = side.get((a['handle'], it['elec']), {})
            for k, v in it['st'].items():
                if v == 'mention':
                    continue
                if k in seen and seen[k] != v:
                    return False
                if v == 'support' and any(sv == 'support' and sk != k for sk, sv in seen.items()):
                    return False
            return True
        pool = [a for a in pool if consistent(a)] or pool
        # spread use: prefer the least used authors among a random sample
        cand = rnd.sample(pool, min(6, len(pool)))
        au = min(cand, key=lambda a: use.get(a['handle'], 0))
        use[au['handle']] = use.get(au['handle'], 0) + 1
        seen = side.setdefault((au['handle'], it['elec']), {})
        for k, v in it['st'].items():
            if v != 'mention':
                seen.setdefault(k, v)
        region = au['region'] if not au['region'].startswith('-') else (
            prov if prov else rnd.choice(['11', '12', '13', '14', '16', '18', '31', '32', '33',
                                          '34', '35', '36', '51', '52', '61', '64', '71', '73',
                                          '81', '94']))
        asn = au['asn'] if it['asn'] is None else it['asn']
        plat = it['plat'] or rnd.choice(PLAT[act])
        d = pick_date(it['elec'], it['tags'], own + ' ' + (tgt['text'] if tgt else ''), it['st'])
        obj = {'id': None, 'platform': plat, 'act': act,
               'author': {'handle': au['handle'], 'name': au['name'], 'bio': au['bio']}}
        if act in ('post', 'comment', 'photo_caption') or own:
            obj['text'] = own
        if act in ('like', 'follow', 'join'):
            obj.pop('text', None)
        if tgt:
            obj['target'] = tgt
        obj['created_at'] = stamp(d)
        obj['region'] = region
        obj['label'] = {'election': it['elec'], 'stances': it['st'], 'asn': asn,
                        'register': it['reg']}
        out[split].append(obj)
    for it in items:
        make(it, split_of[find(sk[id(it)])])
    for split in ('train', 'heldout'):
        out[split].sort(key=lambda o: o['created_at'])
        rnd.shuffle(out[split])
    # Lines added later (src/added-*.txt) name their split and come after the first ones,
    # so that adding them changes none of the items made before (ids, authors, dates).
    for it in parse('added-*.txt'):
        make(it, 'train' if '=train' in it['tags'] else 'heldout')
    for split, pre in (('train', 'tr'), ('heldout', 'ho')):
        with open(os.path.join(OUT, f'{split}.jsonl'), 'w', encoding='utf-8') as fh:
            for k, o in enumerate(out[split], 1):
                o['id'] = f'{pre}-{k:05d}'
                fh.write(json.dumps(o, ensure_ascii=False) + '\n')
    print({k: len(v) for k, v in out.items()}, 'max author use', max(use.values()))

if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Lists the English strings the code looks up (L["..."], l["..."], L.Count(...), catalog labels)
that Resources/SharedResource.es.resx does not translate yet. Run it after adding text to a page."""
import re, pathlib, sys, xml.etree.ElementTree as ET
root = pathlib.Path(__file__).resolve().parent.parent / "src" / "Grassroots"
lit = r'"((?:[^"\\]|\\.)*)"'
patterns = [re.compile(r'\b[Ll]\[\s*' + lit), re.compile(r'\.Count\([^,]+,\s*' + lit + r'\s*,\s*' + lit),
            re.compile(r'\] = ' + lit), re.compile(r'new\("[^"]+", ' + lit + r', ' + lit + r'\)'),
            re.compile(r'SendAsync\(email, ' + lit + r',\s*' + lit)]
keys = set()
for f in list(root.rglob("*.cs")) + list(root.rglob("*.cshtml")):
    if "/Migrations/" in str(f) or "/obj/" in str(f) or "/bin/" in str(f): continue
    text = f.read_text()
    for p in patterns:
        for m in p.finditer(text):
            for g in m.groups():
                if g: keys.add(g.encode().decode("unicode_escape") if "\\" in g else g)
for k in ["Constituency", "Chapter", "Issue", "Group", "Member"]: keys.add(k)
resx = root / "Resources" / "SharedResource.es.resx"
have = set()
if resx.exists():
    have = {d.get("name") for d in ET.parse(resx).getroot().findall("data")}
missing = sorted(k for k in keys if k not in have)
for k in missing: print(k)
sys.exit(1 if missing and "--check" in sys.argv else 0)

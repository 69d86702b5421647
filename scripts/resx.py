#!/usr/bin/env python3
"""Merges translations (a Python dict ES in the given file) into Resources/SharedResource.es.resx,
keeping what is there. Usage: scripts/resx.py translations.py"""
import sys, pathlib, runpy, xml.etree.ElementTree as ET
from xml.sax.saxutils import escape
path = pathlib.Path(__file__).resolve().parent.parent / "src/Grassroots/Resources/SharedResource.es.resx"
entries = {}
if path.exists():
    for d in ET.parse(path).getroot().findall("data"):
        entries[d.get("name")] = d.find("value").text or ""
entries.update(runpy.run_path(sys.argv[1])["ES"])
head = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
ATTR = {'"': "&quot;", "\n": "&#10;"}
body = "".join(f'  <data name="{escape(k, ATTR)}" xml:space="preserve"><value>{escape(v)}</value></data>\n' for k, v in sorted(entries.items()))
path.write_text(head + body + "</root>\n", encoding="utf-8")
print(f"{len(entries)} translations in {path.name}")

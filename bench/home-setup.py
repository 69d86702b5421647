#!/usr/bin/env python3
"""Makes a member whose home page has something in every section, and signs them in as a browser.

Usage: home-setup.py BASE_URL DATA_PATH
Prints two lines: the Cookie header of the signed-in browser, and the slug of one of the member's groups.
Everything goes through the public API and pages (sign-up, the emailed link, the sign-in form), as a
person would do it, so the benchmark measures what a member's browser gets.
"""
import email, glob, http.cookiejar, json, os, re, sys, time, urllib.parse, urllib.request

base, data = sys.argv[1].rstrip("/"), sys.argv[2]
PASSWORD = "correct horse battery"


def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        raw = r.read()
        return json.loads(raw) if raw else None


def link_for(address):
    for _ in range(100):
        for path in sorted(glob.glob(os.path.join(data, "mail", "*.eml")), key=os.path.getmtime, reverse=True):
            msg = email.message_from_binary_file(open(path, "rb"))
            if address not in (msg["To"] or ""):
                continue
            for part in msg.walk():
                if part.get_content_type() == "text/plain":
                    text = part.get_payload(decode=True).decode("utf-8", "replace")
                    m = re.search(r"/account/confirm\?(\S+)", text)
                    if m:
                        return urllib.parse.parse_qs(m.group(1))
        time.sleep(0.1)
    sys.exit(f"no confirmation mail for {address} in {data}/mail")


def member(name, address, zip_code):
    call("POST", "/api/auth/register", {"displayName": name, "email": address, "zip": zip_code})
    q = link_for(address)
    call("POST", "/api/auth/confirmEmail", {"userId": q["userId"][0], "code": q["code"][0], "password": PASSWORD})
    return call("POST", "/api/auth/login", {"email": address, "password": PASSWORD})["accessToken"]


stamp = str(int(time.time()))
ana = member("Ana Bench", f"ana{stamp}@example.org", "19107")
ben = member("Ben Bench", f"ben{stamp}@example.org", "19107")

# Ana organizes two groups and joins two of the demo's; runs two projects, each with needs Ben pledges to.
slug = None
for i in range(2):
    g = call("POST", "/api/groups", {"name": f"Bench chapter {stamp} {i}", "kind": "Issue", "description": "A group for the benchmark."}, ana)
    slug = slug or g["slug"]
for g in call("GET", "/api/groups?near=19107&within=25&pageSize=2")["items"]:
    try:
        call("POST", f"/api/groups/{g['id']}/join", None, ana)
    except urllib.error.HTTPError:
        pass
for i in range(2):
    p = call("POST", "/api/projects", {"title": f"Bench project {stamp} {i}", "goal": "Knock on doors in Center City.", "online": True,
                                       "needs": [{"kind": "People", "title": f"Door knockers {i}", "skill": "canvassing", "quantity": 10},
                                                 {"kind": "Hours", "title": f"Phone bank hours {i}", "quantity": 40}]}, ana)
    for need in p["needs"]:
        call("POST", f"/api/projects/{p['id']}/needs/{need['id']}/pledges", {"amount": 1}, ben)

# The sign-in form, as a browser sends it (antiforgery token and cookie included).
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(base + "/account/signin").read().decode()
token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page) or \
        re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page)
form = urllib.parse.urlencode({"Input.Email": f"ana{stamp}@example.org", "Input.Password": PASSWORD,
                               "__RequestVerificationToken": token.group(1)}).encode()
opener.open(base + "/account/signin", data=form).read()
cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
home = urllib.request.Request(base + "/", headers={"Cookie": cookie})
body = urllib.request.urlopen(home).read().decode()
if "Bench project" not in body:
    sys.exit("the signed-in home page does not show the member's projects: the sign-in did not work")
print(cookie)
print(slug)

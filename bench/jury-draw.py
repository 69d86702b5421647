# The jury draw's SQL (as EF sends it on SQLite) over 1,000,000 members: before and after the index change.
# python3 bench/jury-draw.py  (about a minute; writes /tmp/jurybench.db)
import sqlite3, random, time, uuid, os
path='/tmp/jurybench.db'
if os.path.exists(path): os.remove(path)
db=sqlite3.connect(path)
db.execute('CREATE TABLE "AspNetUsers" ("Id" TEXT PRIMARY KEY, "DeletedAt" INTEGER NULL, "EmailConfirmed" INTEGER NOT NULL, "LastSignInAt" INTEGER NULL, "HiddenAt" INTEGER NULL, "PasswordHash" TEXT NULL, "Bio" TEXT NULL)')
now=10**12
rows=[]
for i in range(1_000_000):
    # 20% signed in within 90 days, 30% long ago, 50% never (seeded/imported)
    r=random.random()
    last = now - random.randint(0, 89)*86400 if r<0.2 else (now - 400*86400 if r<0.5 else None)
    rows.append((str(uuid.uuid4()).upper(), None, 1, last, None, 'hash' if last else None, 'x'*200))
db.executemany('INSERT INTO "AspNetUsers" VALUES (?,?,?,?,?,?,?)', rows)
db.execute('CREATE INDEX ix_old ON "AspNetUsers" ("DeletedAt","EmailConfirmed","Id")')
db.commit()
def t(sql, *a):
    best=9e9
    for _ in range(3):
        s=time.perf_counter(); db.execute(sql,a).fetchall(); best=min(best,time.perf_counter()-s)
    return best
old='SELECT "Id" FROM "AspNetUsers" WHERE "DeletedAt" IS NULL AND "EmailConfirmed" ORDER BY random() LIMIT 12'
newq='SELECT "Id" FROM "AspNetUsers" WHERE "DeletedAt" IS NULL AND "EmailConfirmed" AND "LastSignInAt" >= ? ORDER BY random() LIMIT 12'
print('old index, old query (all confirmed)', round(t(old),3))
print('old index, new query (+ LastSignInAt, row reads)', round(t(newq, now-90*86400),3))
db.execute('DROP INDEX ix_old'); db.execute('CREATE INDEX ix_new ON "AspNetUsers" ("DeletedAt","EmailConfirmed","LastSignInAt","Id")'); db.commit()
print('new index, new query', round(t(newq, now-90*86400),3))
print(db.execute('EXPLAIN QUERY PLAN '+newq,(now,)).fetchall())

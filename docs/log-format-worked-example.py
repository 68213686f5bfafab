"""Independent recomputation of docs/log-format.md section 6 (Python 3, hashlib + cryptography).

Run: python3 docs/worked-example.py   (needs the `cryptography` package for Ed25519)
"""
import hashlib, struct, base64, datetime
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization
H=lambda *p: hashlib.sha256(b"".join(p)).digest()
origin=b"mx.example.org/MX/v1"
day=(datetime.date(2024,3,8)-datetime.date(1970,1,1)).days
tag=b"tejido/v1/commitment\x00"
def leaf(index, prev, entry, kind, target, day, commit):
    return bytes([1])+struct.pack(">H",len(origin))+origin+struct.pack(">Q",index)+prev+entry+bytes([kind])+target+struct.pack(">I",day)+commit
entry0=bytes.fromhex("00112233445566778899aabbccddeeff")
entry1=bytes.fromhex("0123456789abcdef0123456789abcdef")
target=bytes.fromhex("ffeeddccbbaa99887766554433221100")
salt0=bytes(range(0x20,0x40)); salt1=bytes(range(0x40,0x60))
p0=b'{"type":"threat","country":"MX"}'; p1=b'{"type":"threat","country":"MX","status":"verified"}'
c0=H(tag,salt0,p0); c1=H(tag,salt1,p1)
l0=leaf(0,bytes(32),entry0,1,target,day,c0); h0=H(b"\0",l0)
l1=leaf(1,h0,entry1,2,target,day+1,c1); h1=H(b"\0",l1)
root=H(b"\1",h0,h1)
print("day",day)
for k,v in [("tag",tag),("salt0",salt0),("payload0",p0),("commit0",c0),("leaf0",l0),("hash0",h0),("salt1",salt1),("payload1",p1),("commit1",c1),("leaf1",l1),("hash1",h1),("root",root)]:
    print(k, v.hex(), len(v))
seed=bytes(range(1,33))
sk=Ed25519PrivateKey.from_private_bytes(seed)
pk=sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
name=origin
kid=H(name,b"\n\x01",pk)[:4]
print("pk",pk.hex()); print("keyid",kid.hex())
print("vkey", name.decode()+"+"+kid.hex()+"+"+base64.b64encode(b"\x01"+pk).decode())
text=origin+b"\n2\n"+base64.b64encode(root)+b"\n"
sig=sk.sign(text)
print("text", repr(text.decode())); print("texthex", text.hex())
print("sig", sig.hex())
line="\u2014 "+name.decode()+" "+base64.b64encode(kid+sig).decode()
print("line", line)
note=text.decode()+"\n"+line+"\n"
print("note", repr(note))
print("keyidinput", (name+b"\n\x01"+pk).hex())

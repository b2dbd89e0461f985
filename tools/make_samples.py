"""Regenerate samples/juki/: a valid export package and defective files, all synthetic.

Every person, number and address here is invented. Check digits are computed by the
reference algorithms below (written independently of the validator's polars expressions).
Run: python tools/make_samples.py   (then regenerate the golden reports: see tests/README.md)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from migrate.layout.catalog import resolve

ROOT = Path(__file__).resolve().parent.parent / "samples" / "juki"
LG = "131016"  # 千代田区, a real 団体コード: codes are public identifiers, not personal data


def m11(body: str) -> str:
    s = sum(int(d) * (2 + i % 6) for i, d in enumerate(reversed(body)))
    r = s % 11
    return body + ("0" if r <= 1 else str(11 - r))


def mynumber(body11: str) -> str:
    w = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    r = sum(int(d) * x for d, x in zip(body11, w, strict=True)) % 11
    return body11 + ("0" if r <= 1 else str(11 - r))


def juminhyo(body10: str) -> str:
    w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    r = sum(int(d) * x for d, x in zip(body10, w, strict=True)) % 11
    return body10 + ("0" if r <= 1 else str(11 - r))


PEOPLE = [
    # (宛名 body, 世帯 body, 氏名, フリガナ, 生年月日, 和暦, 性別, 続柄, 種別)
    (
        "000001",
        "000100",
        "山田　太郎",
        "ヤマダ　タロウ",
        "19650412",
        "03400412",
        "1",
        "世帯主",
        "1",
    ),
    ("000002", "000100", "山田　花子", "ヤマダ　ハナコ", "19680830", "03430830", "2", "妻", "1"),
    ("000003", "000100", "山田　一郎", "ヤマダ　イチロウ", "19950105", "04070105", "1", "子", "1"),
    (
        "000004",
        "000200",
        "佐藤　次郎",
        "サトウ　ジロウ",
        "19890107",
        "03640107",
        "1",
        "世帯主",
        "1",
    ),
    ("000005", "000200", "佐藤　美咲", "サトウ　ミサキ", "19890108", "04010108", "2", "妻", "1"),
    ("000006", "000200", "佐藤　葵", "サトウ　アオイ", "20190501", "05010501", "2", "子", "1"),
    ("000007", "000300", "鈴木　健", "スズキ　ケン", "19261225", "02151225", "1", "世帯主", "1"),
    (
        "000008",
        "000400",
        "ＳＭＩＴＨ　ＪＯＨＮ",
        "スミス　ジョン",
        "19800315",
        "",
        "1",
        "世帯主",
        "2",
    ),
]
ADDRESS = {
    "000100": "東京都千代田区霞が関一丁目１番１号",
    "000200": "東京都千代田区丸の内二丁目３番４号",
    "000300": "東京都千代田区永田町三丁目５番",
    "000400": "東京都千代田区神田一丁目２番３号",
}


def person_row(p: tuple[str, ...], n: int) -> dict[str, str]:
    atena, setai = m11(p[0]), m11(p[1])
    foreign = p[8] == "2"
    born_here = p[4] > "20100401"
    moved_in = p[4] if born_here else "20100401"
    row = {
        "lg_code": LG,
        "atena_no": atena,
        "rireki_no": "1",
        "setai_no": setai,
        "jumin_shubetsu": p[8],
        "jumin_jotai": "1",
        "kojin_bango": mynumber(f"{n:011d}"[::-1].replace("0", "7")),
        "juminhyo_code": juminhyo(f"{n * 1234567:010d}"[-10:]),
        "shimei": p[2],
        "shimei_kana": p[3],
        "shimei_alpha": "SMITH JOHN" if foreign else "",
        "kyuuji": "",
        "kyuuji_kana": "",
        "tsusho": "",
        "tsusho_kana": "",
        "birth_date": p[4],
        "birth_date_wareki": p[5],
        "seibetsu": p[6],
        "zokugara": p[7],
        "setainushi_shimei": next(q[2] for q in PEOPLE if q[1] == p[1]),
        "honseki": "" if foreign else "東京都千代田区千代田一番",
        "hittosha": "" if foreign else p[2],
        "jusho": ADDRESS[p[1]],
        "katagaki": "",
        "jusho_code": "13101001000",
        "yubin_bango": "1000013",
        "jumin_date": p[4] if not foreign else "",
        "jusho_date": "20100401",
        "todokede_date": "20100405",
        "ido_jiyu": "101",
        "ido_date": "20100401",
        "shori_date": "20100405",
        "shojo_date": "",
        "tennyu_mae_jusho": "大阪府大阪市北区梅田一丁目１番",
        "tenshutsu_jusho": "",
        "kokuseki": "アメリカ合衆国" if foreign else "",
        "zairyu_shikaku": "永住者" if foreign else "",
        "zairyu_manryo_date": "",
        "zairyu_card_no": "AB12345678CD" if foreign else "",
        "gaikokujin_date": "20100401" if foreign else "",
    }
    if born_here:  # 出生: every date of the first record is the birth date
        row |= {
            "ido_jiyu": "103",
            "ido_date": moved_in,
            "jusho_date": moved_in,
            "todokede_date": moved_in,
            "shori_date": moved_in,
            "tennyu_mae_jusho": "",
        }
    return row


def jumin_rows() -> list[dict[str, str]]:
    rows = [person_row(p, i + 1) for i, p in enumerate(PEOPLE)]
    moved = dict(
        rows[2],
        rireki_no="2",
        ido_jiyu="301",
        ido_date="20200801",
        shori_date="20200803",
        todokede_date="20200803",
    )
    rows.insert(3, moved)
    return rows


def setai_rows() -> list[dict[str, str]]:
    out = []
    for body, address in ADDRESS.items():
        head = next(p for p in PEOPLE if p[1] == body)
        out.append(
            {
                "lg_code": LG,
                "setai_no": m11(body),
                "setainushi_atena_no": m11(head[0]),
                "setainushi_shimei": head[2],
                "jusho": address,
                "katagaki": "",
                "jusho_code": "13101001000",
                "yubin_bango": "1000013",
                "setai_date": "20100401",
            }
        )
    return out


def ido_rows() -> list[dict[str, str]]:
    return [
        {
            "lg_code": LG,
            "atena_no": r["atena_no"],
            "rireki_no": r["rireki_no"],
            "ido_jiyu": r["ido_jiyu"],
            "ido_date": r["ido_date"],
            "todokede_date": r["todokede_date"],
            "shori_date": r["shori_date"],
            "nyuryoku_basho": "本庁",
            "ryuijiko": "",
        }
        for r in jumin_rows()
    ]


def render(file_id: str, rows: list[dict[str, str]], header: bool = True) -> str:
    spec = resolve("juki").file(file_id)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if header:
        w.writerow([it.name for it in spec.items])
    for r in rows:
        w.writerow([r.get(it.id, "") for it in spec.items])
    return buf.getvalue()


def write(name: str, text: str, encoding: str = "utf-8") -> None:
    path = ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


def defects() -> dict[str, tuple[str, str]]:
    """name → (text, encoding) of each defective sample; each targets one family of findings."""
    base = jumin_rows()
    out: dict[str, tuple[str, str]] = {}

    r = [dict(x) for x in base]
    r[0]["shimei_kana"] = "ﾔﾏﾀﾞ ﾀﾛｳ"  # half-width kana → VA03
    r[1]["birth_date_wareki"] = "04310501"  # 平成31年5月1日 → TY06 outside era
    r[4]["birth_date_wareki"] = "03640108"  # 昭和64年1月8日 → TY06 outside era
    r[5]["birth_date_wareki"] = "09010101"  # unknown 年号コード → TY06
    r[7]["birth_date_wareki"] = "01450730"  # 明治45年7月30日 → accepted (TY07 info)
    r[7]["birth_date"] = "19120730"
    r[7]["jumin_date"] = "19120730"
    out["cp932_wareki_halfwidth_kana.csv"] = (render("jumin", r), "cp932")

    r = [dict(x) for x in base]
    r[0]["kojin_bango"] = r[0]["kojin_bango"][:-1] + str((int(r[0]["kojin_bango"][-1]) + 1) % 10)
    r[1]["lg_code"] = "131017"
    r[2]["juminhyo_code"] = r[2]["juminhyo_code"][:-1] + str(
        (int(r[2]["juminhyo_code"][-1]) + 1) % 10
    )
    r[4]["atena_no"] = "00000052"  # legacy number without M11 check → warning
    r[5]["kojin_bango"] = "６２１４９８３２０２５７"  # full-width digits → TY01 + TY04 (bytes)
    out["bad_check_digits.csv"] = (render("jumin", r), "utf-8")

    r = [dict(x) for x in base]
    r[0]["seibetsu"] = "3"
    r[2]["jumin_shubetsu"] = "9"
    r[5]["ido_jiyu"] = "999"
    r[6]["jumin_jotai"] = ""
    out["unknown_codes.csv"] = (render("jumin", r), "utf-8")

    r = [dict(x) for x in base]
    r.append(dict(r[0]))  # same 宛名番号 + 履歴番号 → RL01
    r.append(dict(r[3], shimei="山田　一郎"))  # second duplicate of the moved row
    out["duplicates.csv"] = (render("jumin", r), "utf-8")

    r = [dict(x) for x in base]
    r[0]["ido_date"] = "20230229"  # not a calendar date → TY05
    r[1]["todokede_date"] = "20231301"  # month 13 → TY05
    r[2]["birth_date"] = "19950229"  # non-calendar 生年月日: accepted (TY07)
    r[3]["birth_date"] = "19950000"  # 不詳 → accepted (TY08)
    r[4]["ido_date"] = "19801231"  # 異動日 before 生年月日 → RL02
    r[5]["shori_date"] = "2019/05/01"  # wrong form → TY05
    out["impossible_dates.csv"] = (render("jumin", r), "utf-8")
    return out


def structure_sample() -> str:
    text = render("jumin", jumin_rows()[:4])
    lines = text.split("\r\n")
    lines[2] = lines[2] + ",余分"  # one field too many → ST05
    lines[3] = ",".join(lines[3].split(",")[:10])  # too few fields → ST04
    lines.insert(4, "")  # blank line → ST06
    rows = [dict(x) for x in jumin_rows()[4:6]]
    rows[0]["katagaki"] = "霞が関ビル\r\n１２階"  # a quoted newline: lines stay right
    rows[1]["seibetsu"] = "3"  # → VA02 on the line after the newline
    tail = render("jumin", rows).split("\r\n", 1)[1]
    return "\r\n".join(lines).rstrip("\r\n") + "\r\n" + tail


def gaiji_sample() -> str:
    r = [dict(x) for x in jumin_rows()]
    r[0]["shimei"] = "山\ue001　太郎"  # PUA 外字 in an item that allows 外字 → VA06 info
    r[1]["zokugara"] = "妻\ue002"  # PUA in an item without 外字 → VA04
    r[8]["kokuseki"] = "𠮷国"  # outside JIS X 0213 → VA05
    return render("jumin", r)


def main() -> None:
    write("valid/jumin.csv", render("jumin", jumin_rows()))
    write("valid/setai.csv", render("setai", setai_rows()))
    write("valid/ido_rireki.csv", render("ido_rireki", ido_rows()))
    write("valid_cp932_jumin.csv", render("jumin", jumin_rows()), "cp932")
    for name, (text, enc) in defects().items():
        write(f"defective/{name}", text, enc)
    write("defective/structure.csv", structure_sample())
    write("defective/gaiji.csv", gaiji_sample())
    bad = render("jumin", jumin_rows()).encode("cp932")
    at = bad.index("霞が関".encode("cp932"))
    write_bytes = bad[:at] + b"\x85\x40" + bad[at + 2 :]  # 0x8540 is unassigned in CP932 → RD01
    (ROOT / "defective/undecodable_cp932.csv").write_bytes(write_bytes)
    orphans_setai = setai_rows()[:-1]  # the last 世帯 is missing → RL03 from 住民
    ido = [*ido_rows(), dict(ido_rows()[0], atena_no=m11("000999"))]  # 異動履歴 of nobody → RL03
    write("package_references/jumin.csv", render("jumin", jumin_rows()))
    write("package_references/setai.csv", render("setai", orphans_setai))
    write("package_references/ido_rireki.csv", render("ido_rireki", ido))
    print(f"wrote samples under {ROOT}")


if __name__ == "__main__":
    main()

"""Generate a synthetic 住民 file (layout juki, file jumin) with a small, known defect rate.

Every value is synthetic: names are drawn from short lists of common name parts, addresses are
fictional (見本町, 架空市 …), numbers are random bodies with computed check digits. Vectorised
with numpy and polars: 1M rows take a few seconds.

    python bench/generate.py --rows 1000000 --out bench/data/jumin_1000000.csv

Next to the CSV it writes ``<name>.expected.json``: the injected defects, counted by finding
code and column, which run.py compares with what each contender reports.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl
from peers.rules import FileRules, load_rules, weight

SEED = 20240601
DEFECT_RATE = 0.003
EPOCH = date(1970, 1, 1)
TODAY = (date(2025, 12, 31) - EPOCH).days

SURNAMES = [
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
]
MALE = [
    ("太郎", "タロウ"),
    ("一郎", "イチロウ"),
    ("健太", "ケンタ"),
    ("翔太", "ショウタ"),
    ("大輔", "ダイスケ"),
    ("直樹", "ナオキ"),
    ("誠", "マコト"),
    ("蓮", "レン"),
]
FEMALE = [
    ("花子", "ハナコ"),
    ("美咲", "ミサキ"),
    ("陽菜", "ヒナ"),
    ("由美", "ユミ"),
    ("恵子", "ケイコ"),
    ("裕子", "ユウコ"),
    ("結衣", "ユイ"),
    ("さくら", "サクラ"),
]
F_SURNAMES = [
    ("SMITH", "スミス"),
    ("NGUYEN", "グエン"),
    ("WANG", "ワン"),
    ("KIM", "キム"),
    ("SANTOS", "サントス"),
    ("GARCIA", "ガルシア"),
]
F_GIVEN = [
    ("JOHN", "ジョン"),
    ("ANNA", "アンナ"),
    ("MINH", "ミン"),
    ("WEI", "ウェイ"),
    ("MARIA", "マリア"),
    ("DAVID", "デイビッド"),
]
COUNTRIES = ["米国", "ベトナム", "中国", "韓国", "ブラジル", "フィリピン"]
SHIKAKU = ["永住者", "技術・人文知識・国際業務", "留学", "家族滞在", "特定技能", "定住者"]
TOWNS = ["見本町", "試験町", "架空台", "仮名町", "模擬町", "標本町"]  # fictional
ELSEWHERE = ["埼玉県架空市見本町", "神奈川県見本市試験町", "大阪府仮名市模擬町"]  # fictional
ZOKUGARA = ["妻", "子", "子", "子", "夫", "母", "父", "子の妻", "孫"]
LG_CODE, LG_BODY5 = "131016", "13101"  # 千代田区 (a public code), used for every row


# ---------------------------------------------------------------- numbers and dates


def with_check(body: np.ndarray, check: str, digits: int) -> np.ndarray:
    """body * 10 + check digit, vectorised over an int64 array of ``digits``-digit bodies."""
    s = sum(((body // 10**k) % 10) * weight(k) for k in range(digits))
    r = s % 11
    cd = (11 - r) % 10 if check == "lg_code" else np.where(r <= 1, 0, 11 - r)
    return body * 10 + cd


def m11_numbers(start: int, count: int) -> np.ndarray:
    """``count`` 宛名/世帯番号 (M11W2-7); bodies with remainder 1 (check 10, undefined) skipped."""
    body = np.arange(start, start + count * 2, dtype=np.int64)
    s = sum(((body // 10**k) % 10) * weight(k) for k in range(len(str(start))))
    body = body[s % 11 != 1][:count]
    return with_check(body, "atena_m11", len(str(start)))


def ymd(days: np.ndarray) -> pl.Series:
    """Days since 1970-01-01 → YYYYMMDD strings."""
    return pl.Series(days.astype("datetime64[D]")).dt.strftime("%Y%m%d")


def wareki(days: np.ndarray, rules: FileRules) -> pl.Series:
    """Days → 2-digit 年号コード + YYMMDD."""
    eras = sorted(rules.eras, key=lambda e: e.first)
    starts = np.array([(e.first - EPOCH).days for e in eras])
    idx = np.searchsorted(starts, days, side="right") - 1
    code = np.array([e.code for e in eras])[idx]
    base = np.array([e.base for e in eras])[idx]
    d = pl.Series(days.astype("datetime64[D]"))
    yy = (d.dt.year() - pl.Series(base)).cast(pl.String).str.zfill(2)
    return pl.Series(code) + yy + d.dt.strftime("%m%d")


def pick(rng: np.random.Generator, choices: list, n: int) -> pl.Series:
    """n values drawn uniformly from ``choices``."""
    return pl.Series(choices).gather(rng.integers(0, len(choices), n))


def fw(s: pl.Series) -> pl.Series:
    """Integers → 全角 digit strings."""
    return s.cast(pl.String).str.replace_many(list("0123456789"), list("０１２３４５６７８９"))


# ---------------------------------------------------------------- people and households


def households(rng: np.random.Generator, p: int) -> dict[str, np.ndarray]:
    """Assign ``p`` persons to households; mark heads, foreign households and surnames."""
    sizes = rng.choice([1, 2, 3, 4, 5], size=p, p=[0.35, 0.25, 0.2, 0.15, 0.05])
    hh = np.repeat(np.arange(p), sizes)[:p]
    n_hh = int(hh[-1]) + 1
    head = np.r_[True, hh[1:] != hh[:-1]]
    head_of_hh = np.flatnonzero(head)
    return {
        "hh": hh,
        "head": head,
        "head_person": head_of_hh[hh],
        "foreign": (rng.random(n_hh) < 0.03)[hh],
        "surname": rng.integers(0, len(SURNAMES), n_hh)[hh],
        "f_surname": rng.integers(0, len(F_SURNAMES), n_hh)[hh],
        "town": rng.integers(0, len(TOWNS), n_hh)[hh],
        "chome": rng.integers(1, 6, n_hh)[hh],
        "ban": rng.integers(1, 30, n_hh)[hh],
        "go": rng.integers(1, 20, n_hh)[hh],
        "room": np.where(rng.random(n_hh) < 0.2, rng.integers(101, 999, n_hh), 0)[hh],
    }


def names(rng: np.random.Generator, h: dict[str, np.ndarray], male: np.ndarray) -> pl.DataFrame:
    """氏名, フリガナ and アルファベット name of every person (foreigners in katakana)."""
    p = len(male)
    sur = pl.DataFrame(SURNAMES, schema=["k", "f"], orient="row")[h["surname"]]
    given_m = pl.DataFrame(MALE, schema=["k", "f"], orient="row")[rng.integers(0, len(MALE), p)]
    given_f = pl.DataFrame(FEMALE, schema=["k", "f"], orient="row")[rng.integers(0, 8, p)]
    fs = pl.DataFrame(F_SURNAMES, schema=["a", "f"], orient="row")[h["f_surname"]]
    fg = pl.DataFrame(F_GIVEN, schema=["a", "f"], orient="row")[rng.integers(0, len(F_GIVEN), p)]
    m = pl.Series(male)
    gk = pl.select(pl.when(m).then(given_m["k"]).otherwise(given_f["k"])).to_series()
    gf = pl.select(pl.when(m).then(given_m["f"]).otherwise(given_f["f"])).to_series()
    foreign = pl.Series(h["foreign"])
    jp_name, jp_kana = sur["k"] + "　" + gk, sur["f"] + "　" + gf
    f_kana = fs["f"] + "　" + fg["f"]
    return pl.DataFrame(
        {
            "shimei": pl.select(pl.when(foreign).then(f_kana).otherwise(jp_name)).to_series(),
            "shimei_kana": pl.select(pl.when(foreign).then(f_kana).otherwise(jp_kana)).to_series(),
            "shimei_alpha": pl.select(pl.when(foreign).then(fs["a"] + " " + fg["a"])).to_series(),
            "tsusho": jp_name,
            "tsusho_kana": jp_kana,
            "kyuuji": sur["k"].gather(rng.integers(0, len(SURNAMES), p)),
        }
    ).with_columns(kyuuji_kana=pl.col("kyuuji").replace_strict(dict(SURNAMES)))


def address(h: dict[str, np.ndarray]) -> pl.DataFrame:
    """住所, 方書, 本籍, 住所コード and 郵便番号 of every person (fictional towns)."""
    town = pl.Series(TOWNS).gather(h["town"])
    chome, ban, go, room = (pl.Series(h[k]) for k in ("chome", "ban", "go", "room"))
    pref = "東京都千代田区"
    return pl.DataFrame(
        {
            "jusho": pref + town + fw(chome) + "丁目" + fw(ban) + "番" + fw(go) + "号",
            "katagaki": pl.select(
                pl.when(room > 0).then("見本ハイツ" + fw(room) + "号室")
            ).to_series(),
            "honseki": pref + town + fw(ban) + "番地",
            "jusho_code": LG_BODY5
            + (pl.Series(h["town"]) + 1).cast(pl.String).str.zfill(3)
            + chome.cast(pl.String).str.zfill(3),
            "yubin_bango": "10000" + (pl.Series(h["town"]) + 10).cast(pl.String),
        }
    )


def persons(rng: np.random.Generator, p: int, rules: FileRules) -> pl.DataFrame:
    """One row per person: everything that does not change between 履歴."""
    h = households(rng, p)
    male = rng.random(p) < 0.49
    foreign = h["foreign"]
    birth = rng.integers((date(1930, 1, 1) - EPOCH).days, TODAY - 30, p)
    jumin = birth + (rng.random(p) * (TODAY - 30 - birth)).astype(np.int64)
    nm = names(rng, h, male)
    hd = pl.Series(h["head_person"])
    zoku = pick(rng, ZOKUGARA, p)
    kojin = with_check(rng.integers(10**10, 10**11, p), "mynumber", 11).astype(str)
    jhc = with_check(rng.integers(10**9, 10**10, p), "juminhyo_code", 10).astype(str)
    f = pl.Series(foreign)
    return pl.concat(
        [
            pl.DataFrame(
                {
                    "atena_no": m11_numbers(100_000_001, p).astype(str),
                    "setai_no": m11_numbers(200_000_001, int(h["hh"][-1]) + 1).astype(str)[h["hh"]],
                    "jumin_shubetsu": np.where(foreign, "2", "1"),
                    "kojin_bango": np.where(rng.random(p) < 0.02, None, kojin),
                    "juminhyo_code": jhc,
                    "birth_date": ymd(birth),
                    "birth_date_wareki": pl.select(
                        pl.when(~f).then(wareki(birth, rules))
                    ).to_series(),
                    "seibetsu": np.where(male, "1", "2"),
                    "zokugara": pl.select(
                        pl.when(pl.Series(h["head"])).then(pl.lit("世帯主")).otherwise(zoku)
                    ).to_series(),
                    "setainushi_shimei": nm["shimei"].gather(hd),
                    "hittosha": pl.select(pl.when(~f).then(nm["shimei"].gather(hd))).to_series(),
                    "jumin_date": ymd(jumin),
                    "kokuseki": pl.select(pl.when(f).then(pick(rng, COUNTRIES, p))).to_series(),
                    "zairyu_shikaku": pl.select(pl.when(f).then(pick(rng, SHIKAKU, p))).to_series(),
                    "zairyu_manryo_date": pl.select(
                        pl.when(f).then(ymd(TODAY + rng.integers(1, 1800, p)))
                    ).to_series(),
                    "zairyu_card_no": pl.select(pl.when(f).then(card_numbers(rng, p))).to_series(),
                    "gaikokujin_date": pl.select(pl.when(f).then(ymd(jumin))).to_series(),
                    "_jumin_days": jumin,
                    "_jotai": rng.choice(
                        ["1", "2", "3", "9"], size=p, p=[0.92, 0.05, 0.025, 0.005]
                    ),
                }
            ),
            optional_names(rng, nm, foreign, male),
            address(h),
        ],
        how="horizontal",
    )


def optional_names(
    rng: np.random.Generator, nm: pl.DataFrame, foreign: np.ndarray, male: np.ndarray
) -> pl.DataFrame:
    """氏名 columns, with 旧氏 for a few Japanese women and 通称 for some foreigners."""
    kyuuji = pl.Series(~foreign & ~male & (rng.random(len(male)) < 0.02))
    tsusho = pl.Series(foreign & (rng.random(len(male)) < 0.3))
    return nm.select(
        "shimei",
        "shimei_kana",
        "shimei_alpha",
        pl.when(kyuuji).then(pl.col("kyuuji")).alias("kyuuji"),
        pl.when(kyuuji).then(pl.col("kyuuji_kana")).alias("kyuuji_kana"),
        pl.when(tsusho).then(pl.col("tsusho")).alias("tsusho"),
        pl.when(tsusho).then(pl.col("tsusho_kana")).alias("tsusho_kana"),
    )


def card_numbers(rng: np.random.Generator, n: int) -> pl.Series:
    """在留カード番号-shaped values: 2 letters, 8 digits, 2 letters."""
    letters = [chr(c) for c in range(65, 91)]
    digits = pl.Series(rng.integers(0, 10**8, n)).cast(pl.String).str.zfill(8)
    return (
        pick(rng, letters, n)
        + pick(rng, letters, n)
        + digits
        + pick(rng, letters, n)
        + pick(rng, letters, n)
    )


# ---------------------------------------------------------------- history rows


def history(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Person index, 履歴番号 and is-last-row flag of each of ``n`` rows (1-3 rows a person)."""
    per = rng.choice([1, 2, 3], size=n, p=[0.6, 0.3, 0.1])
    person = np.repeat(np.arange(n), per)[:n]
    start = np.r_[True, person[1:] != person[:-1]]
    seq = np.arange(n) - np.maximum.accumulate(np.where(start, np.arange(n), 0)) + 1
    last = np.r_[person[1:] != person[:-1], True]
    return person, seq, last


def ido_codes(
    rng: np.random.Generator, jotai: np.ndarray, seq: np.ndarray, last: np.ndarray
) -> np.ndarray:
    """異動事由 consistent with the row: 消除 for the last row of a removed person."""
    n = len(seq)
    first = rng.choice(["101", "102", "103", "106"], n)
    later = rng.choice(["301", "302", "303", "310", "312", "313"], n)
    out = np.where(seq == 1, first, later)
    removed = {"2": rng.choice(["201", "202"], n), "3": np.full(n, "203"), "9": np.full(n, "206")}
    for j, codes in removed.items():
        out = np.where(last & (jotai == j), codes, out)
    return out


def build(n: int, seed: int, rules: FileRules) -> pl.DataFrame:
    """All ``n`` rows, valid, in layout order (columns named by item id)."""
    rng = np.random.default_rng(seed)
    person, seq, last = history(rng, n)
    per = persons(rng, int(person[-1]) + 1, rules)[person]
    jumin = per["_jumin_days"].to_numpy()
    jotai = np.where(last, per["_jotai"].to_numpy(), "1")
    ido = jumin + (rng.random(n) * (TODAY - jumin)).astype(np.int64)
    todokede = ido + rng.integers(0, 15, n)
    jiyu = ido_codes(rng, jotai, seq, last)
    moved = pl.Series((jotai == "2") | (jotai == "9"))
    rows = per.with_columns(
        lg_code=pl.lit(LG_CODE),
        rireki_no=pl.Series(seq).cast(pl.String).str.zfill(5),
        jumin_jotai=pl.Series(jotai),
        jusho_date=ymd(jumin + (rng.random(n) * (ido - jumin)).astype(np.int64)),
        todokede_date=ymd(todokede),
        ido_jiyu=pl.Series(jiyu),
        ido_date=ymd(ido),
        shori_date=ymd(todokede + rng.integers(0, 4, n)),
        shojo_date=pl.when(pl.Series(jotai != "1")).then(ymd(ido)),
        tennyu_mae_jusho=pl.when(pl.Series(jiyu == "101")).then(
            pick(rng, ELSEWHERE, n) + "１丁目１番１号"
        ),
        tenshutsu_jusho=pl.when(moved).then(pick(rng, ELSEWHERE, n) + "２丁目２番２号"),
    )
    ids = [f.id for f in rules.fields]
    return rows.select(
        [pl.col(i) if i in rows.columns else pl.lit(None, pl.String).alias(i) for i in ids]
    )


# ---------------------------------------------------------------- defects


def bump_last(v: str) -> str:
    """Replace the check digit with a wrong one."""
    return v[:-1] + str((int(v[-1]) + 3) % 10)


def day_before(v: str) -> str:
    d = date(int(v[:4]), int(v[4:6]), int(v[6:])) - timedelta(days=1)
    return d.strftime("%Y%m%d")


# (name, finding code, item id, change, rows it applies to)
DEFECTS = [
    ("lg-code check digit", "VA07", "lg_code", bump_last, None),
    ("宛名番号 check digit", "VA10", "atena_no", bump_last, None),
    ("世帯番号 check digit", "VA10", "setai_no", bump_last, None),
    ("個人番号 check digit", "VA08", "kojin_bango", bump_last, "kojin_bango"),
    ("住民票コード check digit", "VA09", "juminhyo_code", bump_last, None),
    ("unknown 住民種別", "VA02", "jumin_shubetsu", lambda v: "3", "japanese"),
    ("unknown 性別", "VA02", "seibetsu", lambda v: "9", None),
    ("unknown 異動事由", "VA02", "ido_jiyu", lambda v: "199", None),
    ("month 13 in 異動日", "TY05", "ido_date", lambda v: v[:4] + "13" + v[6:], None),
    ("29 Feb 2023 in 処理日", "TY05", "shori_date", lambda v: "20230229", None),
    ("unknown 年号コード", "TY06", "birth_date_wareki", lambda v: "09" + v[2:], "japanese"),
    ("day 32 in 生年月日", "TY05", "birth_date", lambda v: v[:6] + "32", None),
    ("氏名 82 bytes / 41 chars", "TY03", "shimei", lambda v: "見" * 41, None),
    ("住所 202 bytes / 101 chars", "TY03", "jusho", lambda v: "本" * 101, None),
    ("郵便番号 6 digits", "TY04", "yubin_bango", lambda v: v[:6], None),
    ("hiragana in フリガナ", "VA03", "shimei_kana", lambda v: "さとう　はなこ", None),
    ("氏名 empty", "VA01", "shimei", lambda v: None, None),
    ("国籍・地域 empty (外国人)", "VA01", "kokuseki", lambda v: None, "foreign"),
    ("letter in 個人番号", "TY01", "kojin_bango", lambda v: v[:5] + "O" + v[6:], "kojin_bango"),
    ("異動日 before 生年月日", "RL02", "ido_date", None, None),
    ("duplicate row (宛名番号, 履歴番号)", "RL01", "atena_no", None, None),
]


def eligible(df: pl.DataFrame, rows: np.ndarray, who: str | None) -> np.ndarray:
    """Candidate rows a defect can be put into."""
    if who is None:
        return rows
    if who == "japanese":
        mask = df["jumin_shubetsu"].gather(rows) == "1"
    elif who == "foreign":
        mask = df["jumin_shubetsu"].gather(rows) == "2"
    else:
        mask = df[who].gather(rows).is_not_null()
    return rows[mask.to_numpy()]


def apply_defect(df: pl.DataFrame, idx: np.ndarray, item: str, change) -> pl.DataFrame:
    """Put one kind of defect into rows ``idx``."""
    if item == "atena_no" and change is None:  # duplicate: copy the row above
        return _copy_rows(df, idx)
    if change is None:  # 異動日 the day before 生年月日
        values = [day_before(v) for v in df["birth_date"].gather(idx).to_list()]
    else:
        values = [change(v) for v in df[item].gather(idx).to_list()]
    s = df[item].clone()
    s.scatter(idx, pl.Series(values, dtype=pl.String))
    return df.with_columns(s)


def _copy_rows(df: pl.DataFrame, idx: np.ndarray) -> pl.DataFrame:
    take = np.arange(df.height)
    take[idx] = idx - 1
    return df[take]


def inject(df: pl.DataFrame, rate: float, seed: int, rules: FileRules):
    """Put ``rate`` × rows defects into the frame, one per row; also return expected counts."""
    rng = np.random.default_rng(seed + 1)
    # Rows 3k+1 only, so the row above a defect (copied for duplicates) is always clean.
    cand = rng.permutation(np.arange(1, df.height, 3))
    per_kind = max(1, round(df.height * rate / len(DEFECTS)))
    used: set[int] = set()
    expected: Counter[str] = Counter()
    kinds: list[dict] = []
    for name, code, item, change, who in DEFECTS:
        pool = eligible(df, cand[~np.isin(cand, list(used))], who)
        idx = np.sort(pool[:per_kind])
        used.update(idx.tolist())
        df = apply_defect(df, idx, item, change)
        col = rules.by_id(item).name if code != "RL01" else "+".join(rules.keys)
        expected[f"{code}:{col}"] += len(idx)
        kinds.append({"defect": name, "code": code, "column": col, "rows": len(idx)})
    return df, expected, kinds


# ---------------------------------------------------------------- output


def write(df: pl.DataFrame, rules: FileRules, out: Path, encoding: str) -> None:
    """Write the CSV with the layout's データ項目名称 as header, in UTF-8 or CP932."""
    out.parent.mkdir(parents=True, exist_ok=True)
    df = df.rename(dict(zip(df.columns, rules.names, strict=True)))
    if encoding.lower().replace("-", "") in {"utf8", "utf_8"}:
        df.write_csv(out)
        return
    tmp = out.with_suffix(".utf8.tmp")
    df.write_csv(tmp)
    with (
        tmp.open(encoding="utf-8", newline="") as src,
        out.open("w", encoding=encoding, newline="") as dst,
    ):
        while chunk := src.read(1 << 22):
            dst.write(chunk)
    tmp.unlink()


def generate(
    rows: int, out: Path, encoding: str = "utf-8", seed: int = SEED, rate: float = DEFECT_RATE
) -> dict:
    """Build, spoil and write the file; write and return its expected findings."""
    rules = load_rules()
    df, expected, kinds = inject(build(rows, seed, rules), rate, seed, rules)
    write(df, rules, out, encoding)
    meta = {
        "rows": rows,
        "seed": seed,
        "encoding": encoding,
        "defect_rate": rate,
        "defect_rows": sum(k["rows"] for k in kinds),
        "expected": dict(sorted(expected.items())),
        "defects": kinds,
    }
    out.with_suffix(".expected.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    return meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--out", type=Path, default=None, help="default bench/data/jumin_<rows>.csv")
    ap.add_argument("--encoding", default="utf-8", help="utf-8 (default) or cp932")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--defect-rate", type=float, default=DEFECT_RATE)
    a = ap.parse_args()
    out = a.out or Path(__file__).parent / "data" / f"jumin_{a.rows}.csv"
    meta = generate(a.rows, out, a.encoding, a.seed, a.defect_rate)
    print(
        f"{out}: {a.rows:,} rows, {out.stat().st_size / 1e6:.1f} MB, "
        f"{meta['defect_rows']:,} defect rows"
    )


if __name__ == "__main__":
    main()

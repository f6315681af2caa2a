"""The directory import on PostgreSQL for a CSV file: the file goes into a staging table by one `COPY … (FORMAT csv)`
as it is, and the same checks as `directory._row` run as SQL over the stage, giving the same row-level messages.
Python then touches only the header and the errors; a province's 10⁷ rows are parsed by the server's CSV reader.

Used by `directory.import_entities` for .csv files on PostgreSQL; anything COPY cannot take (a row with too many
fields, a character the encoding does not have) falls back to the streamed Python path, which reports it by row."""

from __future__ import annotations

import csv
import io

from django.db import connection, transaction

from fazhi.core.excel import ImportFailed, RowError
from fazhi.core.identifiers import CREDIT_CHARS, CREDIT_WEIGHTS, FULL_WIDTH
from fazhi.inspections.choices import EntityKind, EntityStatus

STAGE = "fazhi_stage_entity_raw"


class Unsupported(Exception):
    """COPY could not read the file as it is: use the Python path."""


def _header(fileobj, encoding: str) -> list[str]:
    fileobj.seek(0)
    head = fileobj.read(1 << 16)
    fileobj.seek(0)
    try:
        text = head.decode(encoding)
    except UnicodeDecodeError as e:
        text = head[:e.start].decode(encoding)
    row = next(csv.reader(io.StringIO(text.split("\n", 1)[0])), None)
    if not row:
        raise ImportFailed("文件为空：第一行应为表头。")
    return [h.strip().rstrip("*") for h in row]


def _lookup_sql(table: str, mapping: dict) -> str:
    values = ", ".join(f"({_lit(k)}, {_lit(v)})" for k, v in mapping.items())
    return f"{table} (k, v) AS (VALUES {values})"


def _lit(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


# Python's str.strip() and the `\\s` of identifiers._clean, as character sets for btrim and translate.
SPACES = " \t\n\r\f\v\u3000\u00a0\u2002\u2003\u2009"
CODE_DROP = SPACES + "-‐－"
CONTROL = "".join(chr(c) for c in range(1, 32))
FW_SRC = "".join(chr(k) for k in FULL_WIDTH)
FW_DST = "".join(chr(v) for v in FULL_WIDTH.values())


# each character's value under GB 32100, indexed by its ASCII code: two get_byte calls a character instead of a
# substr and a strpos (the check character is computed for every row of a file of millions)
VALUES = "decode('" + bytes(CREDIT_CHARS.index(chr(c)) if chr(c) in CREDIT_CHARS else 0
                            for c in range(128)).hex() + "', 'hex')"


def _check_char(code_bytes: str) -> str:
    """The check character of a code given as bytea (`convert_to(code, 'UTF8')`, 18 ASCII characters)."""
    total = " + ".join(f"get_byte({VALUES}, get_byte({code_bytes}, {i})) * {w}" for i, w in enumerate(CREDIT_WEIGHTS))
    return f"substr({_lit(CREDIT_CHARS)}, ((31 - ({total}) % 31) % 31) + 1, 1)"


def import_csv(fileobj, encoding: str, columns: list[tuple[str, str]], required: set, kinds: dict, risks: dict,
               statuses: dict, max_errors: int):
    """Stage the file, check it in SQL. Returns (stage name, total rows, errors listed, error count); the stage holds
    the clean values (columns credit_code, name, kind, region_code, industry, risk_class, status, line)."""
    header = _header(fileobj, encoding)
    index, missing = {}, []
    for name, label in columns:
        clean = label.rstrip("*")
        index[name] = header.index(clean) if clean in header else None
        if index[name] is None and name in required:
            missing.append(clean)
    if missing:
        raise ImportFailed(f"表头缺少列：{'、'.join(missing)}。请使用下载的导入模板，或在“列对应”中写明。")
    raw = [f"c{i}" for i in range(len(header))]
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {STAGE}")
        cur.execute(f"DROP TABLE IF EXISTS {STAGE}_clean")
        cur.execute(f"CREATE TEMPORARY TABLE {STAGE} (line bigint GENERATED ALWAYS AS IDENTITY, "
                    f"{', '.join(f'{c} text' for c in raw)})")
        pg_encoding = "UTF8" if encoding.startswith("utf-8") else "GB18030"
        fileobj.seek(0)
        try:
            with transaction.atomic(), cur.cursor.copy(
                    f"COPY {STAGE} ({', '.join(raw)}) FROM STDIN (FORMAT csv, HEADER true, ENCODING '{pg_encoding}')"
            ) as copy:
                while chunk := fileobj.read(1 << 20):
                    copy.write(chunk)
        except Exception as e:  # noqa: BLE001 - any COPY failure: the Python path reads the file and names the row
            raise Unsupported(str(e)) from e

        def col(name):
            return f"coalesce(r.c{index[name]}, '')" if index.get(name) is not None else "''"

        # translate() and btrim() over a set of characters scan the set for every character of the value (≈ 4 µs a
        # row in all); a regular expression, compiled once per statement, tells first whether a value needs them
        def trimmed(name):
            return f"CASE WHEN {col(name)} ~ {_lit(f'^[{SPACES}]|[{SPACES}]$')} " \
                   f"THEN btrim({col(name)}, {_lit(SPACES)}) ELSE {col(name)} END"

        def printable(value):
            return f"CASE WHEN {value} ~ {_lit(f'[{CONTROL}]')} THEN translate({value}, {_lit(CONTROL)}, '') " \
                   f"ELSE {value} END"

        raw_code = col("credit_code")  # cleaned only when it holds anything but ASCII digits and capitals
        code_in = f"CASE WHEN {raw_code} ~ '^[0-9A-Z]*$' THEN {raw_code} " \
                  f"ELSE upper(translate({raw_code}, {_lit(FW_SRC + CODE_DROP)}, {_lit(FW_DST)})) END"
        check = _check_char("convert_to(u.code, 'UTF8')")
        cur.execute(f"""
CREATE TEMPORARY TABLE {STAGE}_clean AS
-- each level is fenced (OFFSET 0) so a value is computed once per row, not inlined at every use
WITH {_lookup_sql('kinds', kinds)}, {_lookup_sql('risks', risks)}, {_lookup_sql('statuses', statuses)}
SELECT t.line, t.code AS credit_code, t.name, t.kind_in, kinds.v AS kind, t.region_code, t.industry, t.risk_in,
       risks.v AS risk_class, t.status_in, statuses.v AS status,
       CASE WHEN NOT t.code_chars THEN '统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）'
            WHEN substr(t.code, 3, 6) ~ '[^0-9]'
              THEN '统一社会信用代码第3至8位应为登记管理机关行政区划码'
            WHEN t.check_char <> substr(t.code, 18, 1) THEN '统一社会信用代码校验位不符（应为 ' || t.check_char || '），请核对'
       END AS code_error
FROM (SELECT u.*, CASE WHEN u.code_chars THEN {check} END AS check_char
      FROM (SELECT v.*, v.code ~ {_lit(f'^[{CREDIT_CHARS}]{{18}}$')} AS code_chars
            FROM (SELECT r.line + 1 AS line, {code_in} AS code,
                         {printable(trimmed('name'))} AS name, {trimmed('kind')} AS kind_in,
                         {trimmed('region_code')} AS region_code, {trimmed('industry')} AS industry,
                         {trimmed('risk_class')} AS risk_in, {trimmed('status')} AS status_in
                  FROM {STAGE} r OFFSET 0) v OFFSET 0) u OFFSET 0) t
LEFT JOIN kinds ON kinds.k = t.kind_in
LEFT JOIN risks ON risks.k = CASE WHEN char_length(t.risk_in) = 1 THEN upper(t.risk_in) ELSE t.risk_in END
LEFT JOIN statuses ON statuses.k = t.status_in
""")
        cur.execute(f"SELECT count(*) FROM {STAGE}_clean")
        total = cur.fetchone()[0]
        kind_labels, status_labels = "、".join(EntityKind.labels), "、".join(EntityStatus.labels)
        checks = [
            ("统一社会信用代码", 1, "code_error IS NOT NULL", "code_error"),
            ("名称", 2, "name = ''", "'请填写名称。'"),
            ("名称", 2, "char_length(name) > 200",
             "'名称不能超过 200 个字（现有 ' || char_length(name) || ' 个）。'"),
            ("主体类型", 3, "kind IS NULL", f"'无效的主体类型“' || kind_in || '”。可选：{kind_labels}。'"),
            ("所在地行政区划代码", 4,
             "region_code !~ '^[0-9]{6,12}$'",
             "'行政区划代码“' || region_code || '”应为6至12位数字。'"),
            ("行业", 5, "char_length(industry) > 100", "'行业不能超过 100 个字。'"),
            ("信用风险分类", 6, "risk_class IS NULL", "'无效的信用风险分类“' || risk_in || '”，应为 A、B、C 或 D。'"),
            ("登记状态", 7, "status IS NULL", f"'无效的登记状态“' || status_in || '”。可选：{status_labels}。'"),
        ]
        union = " UNION ALL ".join(f"SELECT line, {order} AS o, {_lit(label)} AS col, {message} AS msg "
                                   f"FROM {STAGE}_clean WHERE {cond}" for label, order, cond, message in checks)
        cur.execute(f"SELECT {', '.join(f'count(*) FILTER (WHERE {c[2]})' for c in checks)} FROM {STAGE}_clean")
        count = sum(cur.fetchone())  # one pass; the listing only when something is wrong
        errors = []
        if count:
            cur.execute(f"SELECT line, col, msg FROM ({union}) e ORDER BY line, o LIMIT {int(max_errors)}")
            errors = [RowError(int(line), col, msg) for line, col, msg in cur.fetchall()]
        cur.execute(f"DROP TABLE {STAGE}")
        if count:  # duplicates are looked for among valid rows only, as the Python path stages only those
            cur.execute(f"DELETE FROM {STAGE}_clean WHERE {' OR '.join(f'({c[2]})' for c in checks)}")
    return f"{STAGE}_clean", total, errors, count

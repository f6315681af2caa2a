"""Masking personal data for public pages (个人信息隐名处理)."""

import re

# Not \b: in Chinese text the number touches a CJK character ("身份证号110101…"), which \b counts as a word
# character, so the number would slip through. Delimit by "no digit or Latin letter" instead.
_ID = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")


def mask_name(name: str) -> str:
    """张三 → 张某; 欧阳娜娜 → 欧阳某; an organisation name (ending in 公司/局/厂 …) is kept."""
    name = (name or "").strip()
    if not name:
        return ""
    if re.search(r"(公司|局|厂|院|所|会|中心|委员会|合作社|店|部|行|校|集团)$", name):
        return name
    surname = name[:2] if len(name) >= 4 else name[:1]
    return surname + "某"


FULL_WIDTH = str.maketrans("０１２３４５６７８９ｘＸ（）－", "0123456789xX()-")
# A run of digits as people write them: grouped by spaces, hyphens or dots, a landline's area code in brackets.
_RUN = re.compile(r"(?<![0-9A-Za-z])[(（]?\d[\d\s\-‐–—.·()（）]{5,30}[\dXx](?![0-9A-Za-z])")
_SEP = re.compile(r"[\s\-‐–—.·()（）]")
# Someone named by their role in free text though not a registered party: 证人王五、委托代理人李四. A name is taken
# only when it starts with a common surname (not one that is also a common word: 于、向、和、时 …); 3 characters when a
# delimiter follows, else 2.
_ROLE_NAME = re.compile(r"(证人|委托代理人|代理人|法定代表人|负责人|联系人|举报人|投诉人|当事人|第三人|申请人|被害人|受害人)"
                        r"([:：]?\s*)([\u4e00-\u9fff]{2,4})")
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
               "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤温康施牛樊葛"
               "邢乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓吉缪简车项芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝")
DELIMITERS = set("，。、；：,;:（()）\n ")


def _digits(match: re.Match) -> str:
    raw = match.group(0)
    bare = _SEP.sub("", raw.translate(FULL_WIDTH))
    if re.fullmatch(r"\d{17}[\dXx]|\d{15}", bare):
        return "[身份证号已隐去]"
    if re.fullmatch(r"1[3-9]\d{9}", bare) or re.fullmatch(r"0\d{9,11}", bare):
        return "[电话已隐去]"
    return raw


def mask_text(text: str, names: list[str] = ()) -> str:
    """Remove identity and phone numbers however they are written (full-width digits, groups separated by spaces or
    hyphens, an area code in brackets); replace the given personal names, and any name typed after a role word
    (证人王五), by the masked form."""
    text = _RUN.sub(_digits, text or "")  # \d matches full-width digits too; each run is normalised before the test
    text = _ID.sub("[身份证号已隐去]", text)
    text = _PHONE.sub("[电话已隐去]", text)
    for n in sorted({n for n in names if n}, key=len, reverse=True):
        text = text.replace(n, mask_name(n))

    def role(m: re.Match) -> str:
        chars = m.group(3)
        if chars[:1] not in SURNAMES or "某" in chars[:3]:
            return m.group(0)
        after = text[m.end(3) - len(chars) + 3: m.end(3) - len(chars) + 4] if len(chars) >= 3 else ""
        size = 3 if len(chars) >= 3 and (len(chars) == 3 and (m.end(3) >= len(text) or text[m.end(3)] in DELIMITERS)
                                         or after in DELIMITERS) else 2
        name = chars[:size]
        return m.group(1) + m.group(2) + mask_name(name) + chars[size:]

    return _ROLE_NAME.sub(role, text)

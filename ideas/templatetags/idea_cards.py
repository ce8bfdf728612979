"""A board's card (`{% idea_card %}`, the partial ideas/live.html#idea-card), written out in Python.

Why not a template: the console shows every card of every table's board with the facilitator's
controls, and the projector every visible card. At 1,000 cards the template language spent
about 190 us a card (the console's 1.4 MB took 190 ms of its 235 ms CPU; bench.pages,
docs/benchmarks.md): five `{% url %}` reversals, seven `{% translate %}`s, and some hundred
nodes each resolving its variables through the context stack. Here a card costs a few string
joins: the words are translated and the URLs reversed once per page render (not once per card),
and the values are escaped as the template escaped them.

The markup is the template's, byte for byte (tests/ideas/boards/test_idea_cards.py renders a card in
every state through the template language too and compares): the same classes, ids, data
attributes and controls, so plenum.js, the live pushes that swap a board or append a card, and
keyboard focus (kept by id) see no difference. Change the markup here and in that test's
template together.
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

register = template.Library()

# Stand-ins for ids when reversing a URL once: an <int:> converter writes them as digits.
_SENTINELS = (1_000_000_007, 1_000_000_009)


def url_pattern(name, arity):
    """The URL of `name` cut at its ids: ("/s/", "/ideas/", "/withdraw/") for two ids; None when
    the URL does not show its ids as they are. Reversed once per page render, never kept longer
    (the URLconf and script prefix are the request's)."""
    url = reverse(name, args=_SENTINELS[:arity])
    parts = []
    for sentinel in _SENTINELS[:arity]:
        head, found, url = url.partition(str(sentinel))
        if not found:
            return None
        parts.append(head)
    parts.append(url)
    return tuple(parts)


def id_url(pattern, name, *ids):
    """reverse(name, args=ids), from the name's `url_pattern` when the ids are integers."""
    if pattern is None or not all(type(pk) is int for pk in ids):
        return reverse(name, args=ids)
    out = [pattern[0]]
    for pk, tail in zip(ids, pattern[1:], strict=True):
        out.append(str(pk))
        out.append(tail)
    return "".join(out)


# The card's URLs and how many ids each takes.
_URLS = {
    "comment-hide": 2,
    "idea-withdraw": 2,
    "idea-edit": 2,
    "idea-hide": 2,
    "highlight-pin": 1,
    "idea-cluster": 2,
}


def _words():
    """The card's words in the active language. Not escaped: `{% translate "..." %}` marks a
    literal's translation safe (the catalogue is ours, like the template)."""
    gettext = translation.gettext
    return {
        "hidden": gettext("Hidden"),
        "comments": gettext("Comments"),
        "hide": gettext("Hide"),
        "show": gettext("Show"),
        "withdraw_confirm": gettext("Withdraw this card?"),
        "withdraw": gettext("Withdraw"),
        "edit": gettext("Edit"),
        "pin": gettext("Pin as highlight"),
        "heading": gettext("Heading"),
        "no_heading": gettext("No heading"),
        "move": gettext("Move"),
    }


def _stars(count, memo):
    """`{% blocktranslate count counter=... %}{{ counter }} star...`: the words as translated,
    the number escaped."""
    stars = memo.get(count)
    if stars is None:
        words = translation.ngettext("%(counter)s star", "%(counter)s stars", count)
        stars = memo[count] = words % {"counter": escape(str(count))}
    return stars


def _page_words(context):
    """What is the same for every card of one page render: the words in its language, the URLs
    cut at their ids, the stars' labels."""
    memo = context.render_context.dicts[0]
    key = ("idea_card", translation.get_language())
    if key not in memo:
        patterns = {name: url_pattern(name, arity) for name, arity in _URLS.items()}
        memo[key] = {**_words(), "urls": patterns, "stars": {}}
    return memo[key]


def render_card(idea, *, board, facilitator, clusters, card_version, words):
    seminar_id = board.seminar_id
    urls = words["urls"]

    def url(name, *ids):
        return escape(id_url(urls[name], name, *ids))

    pk = str(idea.pk)
    suffix = "-f" if facilitator else ""
    out = [
        '\n<li class="idea',
        " is-hidden" if idea.hidden else "",
        '" id="idea-',
        pk,
        suffix,
        '" data-author="',
        escape(str(idea.author_id)) if idea.author_id else "",
        '"',
        f' data-version="{escape(str(card_version))}"' if card_version else "",
        '>\n  <p class="idea-text">',
        escape(str(idea.text)),
        '</p>\n  <p class="idea-meta small muted">\n    ',
    ]
    if idea.author:
        out.append(escape(str(idea.author.display_name)))
    out.append("\n    ")
    # Read by ideas.queries; a card read otherwise has neither, and the template showed none.
    stars = getattr(idea, "star_count", 0)
    if stars:
        label = _stars(stars, words["stars"])
        out += ['<span class="stars" aria-label="', label, '">★ ', escape(str(stars)), "</span>"]
    out.append("\n    ")
    if idea.hidden:
        out += ['<span class="badge warn">', words["hidden"], "</span>"]
    out.append("\n  </p>\n  ")
    comments = getattr(idea, "visible_comments", ())
    if comments:
        out += ['\n    <ul class="comments" aria-label="', words["comments"], '">\n      ']
        for comment in comments:
            out += ["<li>", escape(str(comment.text))]
            if comment.author:
                author = escape(str(comment.author.display_name))
                out += [' <span class="muted small">\N{EN DASH} ', author, "</span>"]
            out.append("\n        ")
            if facilitator:
                post_url = url("comment-hide", seminar_id, comment.pk)
                out += [
                    f'<form class="inline" method="post" action="{post_url}" hx-post="{post_url}"',
                    ' hx-swap="none">\n          <button class="small secondary" type="submit">',
                    words["hide"],
                    '<span class="visually-hidden">: ',
                    escape(Truncator(str(comment.text)).words(8, truncate=" …")),
                    "</span></button></form>",
                ]
            out.append("</li>")
        out.append("\n    </ul>\n  ")
    out.append('\n  <div class="idea-actions row">\n    ')
    post_url = url("idea-withdraw", seminar_id, idea.pk)
    out += [
        f'<form class="mine-only inline" method="post" action="{post_url}" hx-post="{post_url}"',
        ' hx-swap="none" hx-confirm="',
        words["withdraw_confirm"],
        '">\n      <button class="small secondary" type="submit">',
        words["withdraw"],
        '</button>\n    </form>\n    <a class="mine-only button small secondary" href="',
        url("idea-edit", seminar_id, idea.pk),
        '">',
        words["edit"],
        "</a>\n    ",
    ]
    if facilitator:
        post_url = url("idea-hide", seminar_id, idea.pk)
        pin_url = url("highlight-pin", seminar_id)
        out += [
            f'\n      <form class="inline" method="post" action="{post_url}" hx-post="{post_url}"',
            ' hx-swap="none">\n        <input type="hidden" name="hidden" value="',
            "0" if idea.hidden else "1",
            '">\n        <button class="small secondary" type="submit">',
            words["show"] if idea.hidden else words["hide"],
            "</button>\n      </form>\n      ",
            f'<form class="inline" method="post" action="{pin_url}" hx-post="{pin_url}"',
            ' hx-swap="none">\n        <input type="hidden" name="idea" value="',
            pk,
            '">\n        <button class="small secondary" type="submit">',
            words["pin"],
            "</button>\n      </form>\n    ",
        ]
    out.append("\n    ")
    if clusters:
        post_url = url("idea-cluster", seminar_id, idea.pk)
        out += [
            f'\n      <form class="cluster-move row" method="post" action="{post_url}"',
            f' hx-post="{post_url}" hx-swap="none">\n        <label class="visually-hidden"',
            f' for="cluster-of-{pk}{suffix}">',
            words["heading"],
            f'</label>\n        <select class="small" id="cluster-of-{pk}{suffix}" name="cluster">',
            '\n          <option value="">',
            words["no_heading"],
            "</option>\n          ",
        ]
        for cluster, _ideas in clusters:
            out += ['<option value="', escape(str(cluster.pk)), '"']
            if cluster.pk == idea.cluster_id:
                out.append(" selected")
            out += [">", escape(str(cluster.heading)), "</option>"]
        out += [
            '\n        </select>\n        <button class="small secondary" type="submit">',
            words["move"],
            "</button>\n      </form>\n    ",
        ]
    out.append("\n  </div>\n</li>\n")
    return "".join(out)


@register.simple_tag(takes_context=True)
def idea_card(context):
    """The card `idea` of `board` (as the facilitator sees it when `facilitator`), with the
    "move under a heading" menu when the board has `clusters`; `card_version` on a card pushed
    alone."""
    return mark_safe(  # noqa: S308 - every value in it is escaped as the template escaped it
        render_card(
            context["idea"],
            board=context["board"],
            facilitator=context.get("facilitator"),
            clusters=context.get("clusters"),
            card_version=context.get("card_version"),
            words=_page_words(context),
        )
    )

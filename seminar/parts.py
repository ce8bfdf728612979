"""A live message too large for one websocket message, cut into parts that each fit.

daphne refuses to send a message over its `websocket_max_message_size` (1 MiB; autobahn applies
the same limit both ways), and a seminar's state grows with its cards: the console shows every
table's board with about 1.1 kB a card. So a message over the limit goes as:
1. its skeleton: every region as it is, but each board's loose cards taken out of their list
   (`<ul ... id="board-N-loose" data-loose>`), so the regions are in place, with their counts;
2. then the cards, appended to their lists (`<div hx-swap-oob="beforeend:#board-N-loose">`,
   the markup of a card pushed as it is posted, with all the cards of one list in a message
   in one append), packed into messages of at most `limit` bytes, in their order.
plenum.js takes an appended card only when the page does not show it yet, so the parts restore
exactly the whole. The markup is Plenum's own templates' (the person's text is escaped).
"""

import re

LOOSE_LIST = re.compile(r'<ul\b[^>]*\bid="(board-\d+-loose(?:-f)?)"[^>]*\bdata-loose\b[^>]*>')
LIST_TAG = re.compile(r"<(/?)(ul|li)\b[^>]*>")
CARD = re.compile(r'<li class="idea\b')


def _size(text):
    return len(text.encode())


def _take_cards(html, start):
    """From just after a loose list's opening tag: (its end, [(card start, card end)])."""
    lists, items, card_start, cards = 1, 0, None, []
    for tag in LIST_TAG.finditer(html, start):
        closing, name = tag.group(1), tag.group(2)
        if name == "ul":
            lists += -1 if closing else 1
            if lists == 0:
                return tag.start(), cards
        elif lists == 1:  # an item of this list, not of a card's comments
            if not closing:
                if items == 0 and CARD.match(html, tag.start()):
                    card_start = tag.start()
                items += 1
            else:
                items -= 1
                if items == 0 and card_start is not None:
                    cards.append((card_start, tag.end()))
                    card_start = None
    return len(html), cards


def split(html, limit):
    """`html` as one or more messages of at most `limit` bytes (as far as it can be cut)."""
    if _size(html) <= limit:
        return [html]
    skeleton, appends, position = [], [], 0
    for opening in LOOSE_LIST.finditer(html):
        if opening.start() < position:
            continue
        end, cards = _take_cards(html, opening.end())
        kept = opening.end()
        skeleton.append(html[position:kept])
        for card_start, card_end in cards:
            skeleton.append(html[kept:card_start])  # what is not a card stays in the list
            kept = card_end
            appends.append((opening.group(1), html[card_start:card_end]))
        skeleton.append(html[kept:end])
        position = end
    skeleton.append(html[position:])
    return _pack("".join(skeleton), appends, limit)


def _append(list_id, cards):
    return f'<div hx-swap-oob="beforeend:#{list_id}">{"".join(cards)}</div>'


def _pack(skeleton, cards, limit):
    """The skeleton, then the cards in their order: in each message the cards of one list go in
    one append (a browser swaps one element per list, not one per card), at most `limit` bytes."""
    messages, current, size = [], [skeleton], _size(skeleton)
    group, list_id = [], None

    def close_group():
        if group:
            current.append(_append(list_id, group))
            group.clear()

    for card_list, card in cards:
        new_group = card_list != list_id or not group
        cost = _size(card) + (_size(_append(card_list, [])) if new_group else 0)
        if size + cost > limit and (current or group):
            close_group()
            messages.append("".join(current))
            current, size = [], 0
            cost = _size(card) + _size(_append(card_list, []))
        if card_list != list_id:
            close_group()
            list_id = card_list
        group.append(card)
        size += cost
    close_group()
    if current:
        messages.append("".join(current))
    return messages

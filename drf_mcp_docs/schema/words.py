"""The words of API documentation and of requests: tokenizer, light stemmer, synonyms.

``WORD`` is the package's one word tokenizer (runs of ``[a-z0-9]`` in lowercased text).
Identifiers (paths, operation ids, parameter names) are also split at camelCase humps.
:func:`stem` folds plurals and the common verb endings, so "repositories", "repository",
"creating" and "create" meet; :func:`concepts` turns a request into what to look for: each
word with its synonyms (API verbs, common abbreviations), and the HTTP methods its verbs
imply.
"""

from __future__ import annotations

import functools
import re

#: The word tokenizer of the whole package: apply it to lowercased text.
WORD = re.compile(r"[a-z0-9]+")
_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def words(text: str) -> list[str]:
    """The lowercase words of ``text`` (what a query is checked and searched by)."""
    return WORD.findall(text.lower())


def request_words(text: str) -> list[str]:
    """The words of a request, its two-word phrases read as the word they mean."""
    found = words(text)
    out: list[str] = []
    index = 0
    while index < len(found):
        pair = tuple(found[index : index + 2])
        if pair in _PHRASES:
            out.append(_PHRASES[pair])
            index += 2
        else:
            out.append(found[index])
            index += 1
    return out


@functools.lru_cache(maxsize=16384)
def identifier_words(text: str) -> tuple[str, ...]:
    """Words of an identifier: its lowercase runs and, when it has humps, their parts.

    ``getPullRequest`` gives ``getpullrequest``, ``get``, ``pull``, ``request``; ``node_pools``
    gives ``node``, ``pools``. Cached: the same parameter names recur across operations.
    """
    lowered = text.lower()
    found = WORD.findall(lowered)
    if lowered != text:
        found += [w for w in WORD.findall(_HUMP.sub(" ", text).lower()) if w not in found]
    return tuple(found)


def identifier_parts(text: str) -> list[str]:
    """The words of an identifier, split at humps and separators only: ``repos/getPull``
    gives ``repos``, ``get``, ``pull``."""
    return words(_HUMP.sub(" ", text))


#: Spelling variants and irregular plurals, read as one word.
_VARIANTS = {
    "people": "person",
    "children": "child",
    "indices": "index",
    "analyses": "analysis",
    "favourite": "favorite",
    "favourites": "favorite",
    "organisation": "organization",
    "organisations": "organization",
    "colour": "color",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "licence": "license",
    "catalogue": "catalog",
    "behaviour": "behavior",
}
_KEEP_S = ("ss", "us", "is")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem of a lowercase word: plurals folded, -ing/-ed/-e endings removed.

    Deliberately mild (no -er, -ion, -ment): it joins inflections of one word and rarely
    two different words. ``policies``/``policy`` -> ``policy``, ``statuses`` -> ``status``,
    ``created``/``creating``/``create`` -> ``creat``, ``mapping`` -> ``map``,
    ``deployments`` -> ``deploy``.
    """
    word = _VARIANTS.get(word, word)
    if len(word) < 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(_KEEP_S):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6:
        word = _undouble(word[:-3])
    elif word.endswith("ied") and len(word) >= 5:
        word = word[:-3] + "y"
    elif word.endswith("ed") and len(word) >= 5:
        word = _undouble(word[:-2])
    elif word.endswith("ment") and len(word) >= 8:
        word = word[:-4]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _undouble(word: str) -> str:
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word


# --- Requests --------------------------------------------------------------------------

#: Verb families: their words are synonyms, and they imply HTTP methods (a boost only).
_VERBS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("get list show fetch read retrieve view display lookup obtain", ("GET",)),
    ("create add new open make post insert register generate save store", ("POST", "PUT")),
    ("update edit change modify set alter patch rename replace configure adjust", ("PATCH", "PUT")),
    ("delete remove destroy kick drop erase purge discard unset", ("DELETE",)),
    ("start run trigger launch execute dispatch rerun begin", ("POST",)),
)
#: Words that imply a method without being synonyms of the family.
_IMPLIES = {
    "search": ("GET",),
    "find": ("GET",),
    "check": ("GET",),
    "download": ("GET",),
    "export": ("GET",),
    "upload": ("POST", "PUT"),
    "submit": ("POST",),
    "enable": ("PUT", "POST", "PATCH"),
    "disable": ("DELETE", "PUT", "PATCH"),
    "revoke": ("DELETE",),
    "clear": ("DELETE",),
    "schedule": ("POST", "PUT"),
    "restore": ("POST", "PUT", "PATCH"),
    "recover": ("POST", "PUT", "PATCH"),
    "undelete": ("POST", "PUT", "PATCH"),
    "assign": ("POST", "PUT"),
    "give": ("POST", "PUT"),
    "grant": ("POST", "PUT"),
}
#: Other groups of interchangeable words (each member finds the others, at a discount).
_GROUPS = (
    "search find query filter lookup",
    "user member person",
    "image picture photo",
    "song track",
    "similar related",
    "favorite star",
    "log logs",
    "email mail",
    "restore recover undelete",
    "assign give grant",
    "notify notification webhook",
    "quota limit",
    "folder directory",
)
#: Words that also find others, one way ("who" finds members; "member" not "who").
_ALSO = {
    "who": "user member",
    "teammate": "member user collaborator",
    "colleague": "member user collaborator",
    "access": "permission",
    "webhook": "hook",
    "tarball": "archive",
    "zip": "archive",
}
#: Two request words that mean one other ("kick off" a build starts it).
_PHRASES = {
    ("kick", "off"): "start",
    ("thumbs", "up"): "reaction",
    ("thumbs", "down"): "reaction",
    ("logged", "in"): "authenticated",
    ("signed", "in"): "authenticated",
    ("who", "am"): "me",
}
#: Abbreviations an agent types, and what API documents spell out.
_ABBREVIATIONS = {
    "pr": "pull request",
    "prs": "pull requests",
    "repo": "repository",
    "org": "organization",
    "env": "environment",
    "config": "configuration",
    "cfg": "configuration",
    "auth": "authentication",
    "info": "information",
    "db": "database",
    "k8s": "kubernetes",
    "msg": "message",
    "img": "image",
    "pic": "picture",
    "app": "application",
    "perm": "permission",
    "admin": "administrator",
    "stats": "statistics",
    "spec": "specification",
    "doc": "document",
    "docs": "documentation",
    "cert": "certificate",
    "vm": "virtual machine",
    "acct": "account",
    "addr": "address",
    "attr": "attribute",
    "dir": "directory",
    "desc": "description",
    "txn": "transaction",
    "tx": "transaction",
    "pkg": "package",
    "lib": "library",
    "dep": "dependency",
    "deps": "dependencies",
    "num": "number",
    "qty": "quantity",
    "param": "parameter",
    "arg": "argument",
    "var": "variable",
    "notif": "notification",
    "sched": "schedule",
    "proj": "project",
    "ver": "version",
    "rev": "revision",
    "ref": "reference",
    "req": "request",
    "resp": "response",
    "src": "source",
    "dest": "destination",
    "usr": "user",
    "grp": "group",
    "pwd": "password",
    "dm": "direct message",
    "sso": "single sign on",
    "2fa": "two factor",
    "mfa": "multi factor",
}
#: "my" and "me": the calling user, as documents name it.
_SELF = "me my mine myself"
_SELF_TERMS = "me authenticated current self"
_STOP = (
    "a an the of to for in on by with i it its is are be and or from at as this that these "
    "those all some any into out up via using your our their do does how what which can "
    "please want need let s id"
)
STOP_WORDS = frozenset(_STOP.split())

SYNONYM_WEIGHT = 0.6
Alternative = tuple[tuple[str, ...], float]


def _build() -> tuple[dict[str, list[Alternative]], dict[str, tuple[str, ...]]]:
    alternatives: dict[str, list[Alternative]] = {}
    implies: dict[str, tuple[str, ...]] = {}

    def add(word: str, terms: str, weight: float) -> None:
        key = stem(word)
        entry = (tuple(stem(w) for w in terms.split()), weight)
        known = alternatives.setdefault(key, [((key,), 1.0)])
        if entry[0] != (key,) and entry not in known:
            known.append(entry)

    for family, methods in _VERBS:
        members = family.split()
        for word in members:
            implies[stem(word)] = methods
            for other in members:
                add(word, other, SYNONYM_WEIGHT)
    for word, methods in _IMPLIES.items():
        implies.setdefault(stem(word), methods)
    for group in _GROUPS:
        for word in group.split():
            for other in group.split():
                add(word, other, SYNONYM_WEIGHT)
    for word, others in _ALSO.items():
        for other in others.split():
            add(word, other, SYNONYM_WEIGHT)
    for short, long in _ABBREVIATIONS.items():
        add(short, long, 1.0)
    for word in _SELF.split():
        for term in _SELF_TERMS.split():
            add(word, term, 1.0 if term == "me" else SYNONYM_WEIGHT)
    return alternatives, implies


_ALTERNATIVES, _METHODS = _build()
_ABBREVIATED = {
    stem(short): tuple(stem(w) for w in long.split()) for short, long in _ABBREVIATIONS.items()
}


def expansions(term: str) -> tuple[str, ...]:
    """The stems an abbreviation found in an identifier stands for (``dbs`` -> database)."""
    found = _ABBREVIATED.get(term)
    return found if found is not None else ()


def alternatives(word: str) -> list[Alternative]:
    """What a (lowercase) request word stands for: tuples of stems, with a weight.

    The word's own stem first (weight 1), then its synonyms and expansions. A word
    ``un<verb>`` ("unfollow", "unstar") also stands for its verb.
    """
    key = stem(word)
    if _plural_of_verb(word, key):
        return [((key,), 1.0)]
    found = _ALTERNATIVES.get(key)
    if found is not None:
        return found
    if word.startswith("un") and len(word) >= 6:
        return [((key,), 1.0), ((stem(word[2:]),), 0.8)]
    return [((key,), 1.0)]


def _plural_of_verb(word: str, key: str) -> bool:
    """A verb's form ending in "s" ("runs", "posts", "triggers"): a request says what to do
    in the imperative, so this is the noun (GitHub's workflow "runs", a blog's "posts")."""
    return word.endswith("s") and key != word and key in _METHODS


def implied_methods(word: str) -> tuple[str, ...]:
    """The HTTP methods a request word implies ("add" -> POST, PUT), if any."""
    key = stem(word)
    if _plural_of_verb(word, key):
        return ()
    found = _METHODS.get(key)
    if found is None and word.startswith("un") and len(word) >= 6:
        return ("DELETE",)
    return found or ()

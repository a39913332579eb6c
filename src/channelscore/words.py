"""The sentences and labels the tool prints, in English and French."""

from __future__ import annotations

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "strong_on": "strong on {names} ({reason})",
        "weak_on": "weak on {names} ({reason})",
        "average": "close to the average channel on every criterion",
        "tied_with": "tied with {others}",
        "ahead_of": "{gap} ahead of {other}",
        "pair_tied": "{a} and {b} have the same score under this profile",
        "pair_wins": "{winner} ranks above {loser} by {gap}, mostly on {names}",
        "and": "and",
        "title": "Complaint channels for {profile}",
        "rank": "Rank",
        "channel": "Channel",
        "score": "Score",
        "strengths": "Strengths",
        "weaknesses": "Weaknesses",
        "why": "Why",
        "not_applicable": "Does not apply",
        "weights": "Weights",
        "criterion": "Criterion",
        "rating": "Rating",
        "weight": "Weight",
        "contribution": "Contribution",
        "reason": "Reason",
        "best_practices": "Best practices",
        "explain_title": "{channel} under {profile}: rank {rank}, score {score}",
        "deciding": "What decides between {a} and {b}",
        "adjusted": "adjusted for this profile",
        "effect": "Effect",
        "id": "Id",
        "name": "Name",
        "group": "Group",
        "family": "Family",
        "traits": "Traits",
        "aliases": "Aliases",
        "extends": "Extends",
        "description": "Description",
    },
    "fr": {
        "strong_on": "fort sur {names} ({reason})",
        "weak_on": "faible sur {names} ({reason})",
        "average": "proche du canal moyen sur tous les critères",
        "tied_with": "à égalité avec {others}",
        "ahead_of": "{gap} devant {other}",
        "pair_tied": "{a} et {b} ont le même score avec ce profil",
        "pair_wins": "{winner} passe devant {loser} de {gap}, surtout grâce à : {names}",
        "and": "et",
        "title": "Canaux de réclamation pour {profile}",
        "rank": "Rang",
        "channel": "Canal",
        "score": "Score",
        "strengths": "Points forts",
        "weaknesses": "Points faibles",
        "why": "Pourquoi",
        "not_applicable": "Sans objet",
        "weights": "Pondérations",
        "criterion": "Critère",
        "rating": "Note",
        "weight": "Poids",
        "contribution": "Contribution",
        "reason": "Motif",
        "best_practices": "Bonnes pratiques",
        "explain_title": "{channel} avec le profil {profile} : rang {rank}, score {score}",
        "deciding": "Ce qui départage {a} et {b}",
        "adjusted": "ajustée pour ce profil",
        "effect": "Effet",
        "id": "Id",
        "name": "Nom",
        "group": "Groupe",
        "family": "Famille",
        "traits": "Traits",
        "aliases": "Alias",
        "extends": "Hérite de",
        "description": "Description",
    },
}


def say(lang: str, key: str, **values: str) -> str:
    """The sentence ``key`` in ``lang`` with ``values`` filled in."""
    return _WORDS.get(lang, _WORDS["en"])[key].format(**values)


def join_names(names: list[str], lang: str) -> str:
    """``a, b and c`` in the chosen language."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {say(lang, 'and')} " + names[-1]

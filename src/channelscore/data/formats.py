"""The file formats: pydantic models of the data files, strictly typed (a rating is the integer 1, 2 or 3),
and their conversion into the domain records of :mod:`channelscore.model`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from channelscore import model

CRITERION_ID = r"^[a-z][a-z0-9_]*$"
PROFILE_ID = r"^[a-z][a-z0-9-]*$"

CriterionId = Annotated[str, StringConstraints(pattern=CRITERION_ID, max_length=64)]
ChannelId = Annotated[str, StringConstraints(pattern=CRITERION_ID, max_length=64)]
ProfileId = Annotated[str, StringConstraints(pattern=PROFILE_ID, max_length=64)]
Trait = Annotated[str, StringConstraints(pattern=CRITERION_ID, max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Rating = Annotated[int, Field(ge=1, le=3)]
# Adding 0.0 turns -0.0 into 0.0, so that no output shows a negative zero weight.
Weight = Annotated[float, Field(ge=0, allow_inf_nan=False), AfterValidator(lambda value: value + 0.0)]
Group = Literal["client", "enterprise"]
Family = Literal["human", "unassisted", "mixed"]


class Strict(BaseModel):
    """Base of every data model: no unknown fields, no type coercion, immutable.

    Validators are built on first use: a command that reads the compiled data never needs them.
    """

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)


Language = Literal["en", "fr"]


class LangText(Strict):
    """A text for people in English and in French (``{en: ..., fr: ...}``); one of them may be left out."""

    en: Text | None = None
    fr: Text | None = None

    @model_validator(mode="after")
    def _some_language(self) -> LangText:
        if self.en is None and self.fr is None:
            raise ValueError("give the text in `en`, in `fr` or in both")
        return self


# A text for people: bilingual, or a plain string in the language the file declares (`language`, English by default).
Human = Text | LangText
Names = Human


class Poles(Strict):
    """How a criterion reads as a strength (``good``) and as a weakness (``poor``), for a criterion whose
    name alone would mislead: a strength on "customer effort" is little effort."""

    good: Names
    poor: Names


class Criterion(Strict):
    """One evaluation criterion; 3 is always its desirable end."""

    id: CriterionId
    group: Group
    names: Names
    description: Human
    source: Human
    poles: Poles | None = None


class Source(Strict):
    """A source text cited by the data: the file its citations name, and how a reader should see it."""

    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-z][0-9a-z-]*$", max_length=32)]
    file: Annotated[str, StringConstraints(pattern=r"^[^/\\\s]+$", max_length=200)]
    titles: Human
    short: Human
    described: bool = False
    site: Text | None = None
    date: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] | None = None


class SourcesFile(Strict):
    """``criteria/sources.yaml`` (optional): the texts the data cites, with a title and a date."""

    format: Literal["channelscore/sources@1"]
    language: Language = "en"
    sources: list[Source] = Field(min_length=1, max_length=500)


class CriteriaFile(Strict):
    """``criteria/criteria.yaml``."""

    format: Literal["channelscore/criteria@1"]
    language: Language = "en"
    criteria: list[Criterion] = Field(min_length=1, max_length=200)


class RatedValue(Strict):
    """A rating with the reason for it and where the seeds support it."""

    rating: Rating
    reason: Human
    source: Human | None = None


class Channel(Strict):
    """One complaint channel and its ratings on every criterion."""

    id: ChannelId
    names: Names
    family: Family
    traits: list[Trait] = Field(default_factory=list, max_length=50)
    ratings: dict[CriterionId, RatedValue]
    best_practices: list[Human] = Field(default_factory=list, max_length=50)
    # Its ratings on the profiles' extra criteria, for a channel added to the data: one place to edit.
    extra_ratings: dict[CriterionId, RatedValue] = Field(default_factory=dict)


class ChannelsFile(Strict):
    """``criteria/channels.yaml``: the channels, and the seeds' judgements on their ratings (``rating_*`` kinds)."""

    format: Literal["channelscore/channels@1"]
    language: Language = "en"
    channels: list[Channel] = Field(min_length=1, max_length=500)
    expectations: list[Expectation] = Field(default_factory=list, max_length=1000)


class WeightSpec(Strict):
    """A criterion's weight in a profile, with the reason for it and the passage of the seeds it rests on."""

    value: Weight
    reason: Human
    source: Human | None = None


class GroupSplit(Strict):
    """Shares of the client and enterprise criteria; weights are normalised inside each group."""

    client: Weight
    enterprise: Weight
    reason: Human
    source: Human | None = None

    @model_validator(mode="after")
    def _not_all_zero(self) -> GroupSplit:
        if self.client + self.enterprise <= 0:
            raise ValueError("the client and enterprise shares cannot both be zero")
        return self


class Adjustment(Strict):
    """A rating the segment changes, for one channel or for every channel with a trait."""

    channel: ChannelId | None = None
    trait: Trait | None = None
    criterion: CriterionId
    rating: Rating
    reason: Human
    source: Human | None = None
    overrides: bool = False

    @model_validator(mode="after")
    def _one_target(self) -> Adjustment:
        if (self.channel is None) == (self.trait is None):
            raise ValueError("give exactly one of `channel` or `trait`")
        return self


class ExtraCriterion(Strict):
    """A criterion a profile adds for its sector, rated for every channel."""

    id: CriterionId
    group: Group
    names: Names
    description: Human
    source: Human
    ratings: dict[ChannelId, RatedValue]


class NotApplicable(Strict):
    """A channel that does not exist for this profile."""

    channel: ChannelId
    reason: Human
    source: Human | None = None


ExpectationKind = Literal["within_top", "outside_top", "only_in_top", "within_bottom", "above", "at_least",
                          "not_applicable", "rating_is", "rating_at_least", "rating_at_most", "rating_above",
                          "rating_not_below", "rating_highest", "rating_lowest"]
_NEEDS_N = ("within_top", "outside_top", "only_in_top", "within_bottom")
_TAKES_THAN = ("above", "at_least", "rating_above", "rating_not_below")
_NEEDS_VALUE = ("rating_is", "rating_at_least", "rating_at_most")


class Expectation(Strict):
    """A checkable judgement of the seeds: about the profile's ranking, or (``rating_*``) about ratings."""

    statement: Human
    source: Human
    quote: Text | None = None
    kind: ExpectationKind
    channels: list[ChannelId] | None = Field(default=None, min_length=1)
    trait: Trait | None = None
    family: Family | None = None
    n: int | None = Field(default=None, ge=1)
    than: list[ChannelId] | None = Field(default=None, min_length=1)
    criterion: CriterionId | None = None
    value: Rating | None = None
    unmet: Human | None = None
    scope: Literal["study", "all"] = "study"

    @model_validator(mode="after")
    def _coherent(self) -> Expectation:
        selectors = sum(x is not None for x in (self.channels, self.trait, self.family))
        if selectors != 1:
            raise ValueError("select channels with exactly one of `channels`, `trait` or `family`")
        kind = self.kind
        if kind in _NEEDS_N and self.n is None:
            raise ValueError(f"`{kind}` needs `n`, the number of places it speaks about")
        if kind not in _NEEDS_N and self.n is not None:
            raise ValueError(f"`{kind}` takes no `n`")
        if self.than is not None and kind not in _TAKES_THAN:
            raise ValueError(f"`{kind}` takes no `than`; only " + ", ".join(f"`{k}`" for k in _TAKES_THAN) + " do")
        if kind in ("rating_above", "rating_not_below") and self.than is None:
            raise ValueError(f"`{kind}` needs `than`, the channels the selected ones are compared with")
        if kind in ("above", "at_least") and self.than is None and (self.channels is None or len(self.channels) < 2):
            raise ValueError(f"`{kind}` needs `channels`, at least two, from the highest to the lowest, "
                             "or `than`, the channels every selected one is compared with")
        rating_kind = kind.startswith("rating_")
        if rating_kind and self.criterion is None:
            raise ValueError(f"`{kind}` needs `criterion`, the criterion whose ratings it speaks about")
        if not rating_kind and self.criterion is not None:
            raise ValueError(f"`{kind}` takes no `criterion`; it speaks about the ranking")
        if kind in _NEEDS_VALUE and self.value is None:
            raise ValueError(f"`{kind}` needs `value`, a rating 1, 2 or 3")
        if kind not in _NEEDS_VALUE and self.value is not None:
            raise ValueError(f"`{kind}` takes no `value`")
        return self


ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class Reference(Strict):
    """A source of the consultant's own, cited in the client report beside the study's."""

    title: Human
    author: Text | None = None
    date: Annotated[str, StringConstraints(pattern=ISO_DATE)] | None = None
    link: Text | None = None


class ProfileFile(Strict):
    """One file of ``profiles/``: weights and segment knowledge for a sector or a situation."""

    format: Literal["channelscore/profile@1"]
    language: Language = "en"
    id: ProfileId
    aliases: list[ProfileId] = Field(default_factory=list, max_length=20)
    names: Names
    description: Human
    source: Human | None = None
    kind: Literal["base", "segment", "situation"] = "segment"
    extends: ProfileId | Annotated[list[ProfileId], Field(min_length=1, max_length=10)] | None = None
    group_split: GroupSplit | None = None
    weights: dict[CriterionId, WeightSpec] = Field(default_factory=dict)
    adjustments: list[Adjustment] = Field(default_factory=list, max_length=500)
    extra_criteria: list[ExtraCriterion] = Field(default_factory=list, max_length=50)
    not_applicable: list[NotApplicable] = Field(default_factory=list, max_length=500)
    expectations: list[Expectation] = Field(default_factory=list, max_length=200)
    sources: list[Reference] = Field(default_factory=list, max_length=100)


SCENARIO_FORMAT = "channelscore/scenario@1"


class ScenarioFile(Strict):
    """A what-if on top of a profile: a base profile, some weights and the group split changed, some ratings
    adjusted, some channels left out.

    Accepted wherever a profile is; it behaves as a profile that ``extends`` its base.
    """

    format: Literal["channelscore/scenario@1"]
    language: Language = "en"
    id: ProfileId
    names: Names | None = None
    description: Human | None = None
    base: ProfileId | Annotated[list[ProfileId], Field(min_length=1, max_length=10)]
    group_split: GroupSplit | None = None
    weights: dict[CriterionId, WeightSpec] = Field(default_factory=dict)
    adjustments: list[Adjustment] = Field(default_factory=list, max_length=500)
    not_applicable: list[NotApplicable] = Field(default_factory=list, max_length=500)
    sources: list[Reference] = Field(default_factory=list, max_length=100)

    def as_profile(self) -> ProfileFile:
        return ProfileFile(format="channelscore/profile@1", language=self.language, id=self.id,
                           names=self.names or LangText(en=self.id, fr=self.id),
                           description=self.description or LangText(en=f"Scenario on {self.base}",
                                                                    fr=f"Scénario sur {self.base}"),
                           kind="segment", extends=self.base, group_split=self.group_split, weights=self.weights,
                           adjustments=self.adjustments, not_applicable=self.not_applicable, sources=self.sources)


WORKSHOP_FORMAT = "channelscore/workshop@1"


class Judgment(Strict):
    """One pairwise comparison: how much more important ``a`` is than ``b`` on Saaty's 1-9 scale.

    ``value`` is an integer 1-9, or ``"1/2"`` ... ``"1/9"`` when ``b`` is the more important.
    """

    a: CriterionId
    b: CriterionId
    value: int | str


class Participant(Strict):
    """One participant's answers, in the form the workshop's method asks for."""

    name: Text
    ranking: list[CriterionId | list[CriterionId]] | None = Field(default=None, max_length=200)
    judgments: list[Judgment] | None = Field(default=None, max_length=5000)
    swing: dict[CriterionId, Annotated[float, Field(allow_inf_nan=False)]] | None = None


class WorkshopFile(Strict):
    """The answers of a weighting workshop, to be turned into a profile that extends ``base``."""

    format: Literal["channelscore/workshop@1"]
    language: Language = "en"
    id: ProfileId
    names: Names | None = None
    description: Human | None = None
    base: ProfileId
    method: Literal["ranking", "ahp", "swing"]
    ranking_method: Literal["roc", "rank_sum", "rank_reciprocal"] = "roc"
    ahp_method: Literal["eigenvector", "geometric_mean"] = "eigenvector"
    criteria: list[CriterionId] | None = Field(default=None, max_length=200)
    participants: list[Participant] = Field(min_length=1, max_length=100)


FIELD_NAMES = sorted({name for model in (CriteriaFile, Criterion, Poles, LangText, RatedValue, Channel, ChannelsFile,
                                         WeightSpec, GroupSplit, Adjustment, ExtraCriterion, NotApplicable, Expectation,
                                         ProfileFile, ScenarioFile, Judgment, Participant, WorkshopFile, SourcesFile,
                                         Source, Reference)
                      for name in model.model_fields})


def text_record(value: Human, lang: Language) -> model.Text:
    """A text of a file whose plain strings are in ``lang``."""
    if isinstance(value, str):
        return model.Text(en=value, fr=None) if lang == "en" else model.Text(en=None, fr=value)
    return model.Text(en=value.en, fr=value.fr)


def _optional(value: Human | None, lang: Language) -> model.Text | None:
    return text_record(value, lang) if value is not None else None


def _rated(ratings: dict[str, RatedValue], lang: Language) -> dict[str, model.Rated]:
    return {key: model.Rated(value.rating, text_record(value.reason, lang), _optional(value.source, lang))
            for key, value in ratings.items()}


def source_record(source: Source, lang: Language) -> model.Source:
    return model.Source(source.id, source.file, text_record(source.titles, lang), text_record(source.short, lang),
                        source.described, source.site, source.date)


def criterion_record(criterion: Criterion, lang: Language) -> model.Criterion:
    poles = criterion.poles
    return model.Criterion(criterion.id, criterion.group, text_record(criterion.names, lang),
                           text_record(criterion.description, lang), text_record(criterion.source, lang),
                           model.Poles(text_record(poles.good, lang), text_record(poles.poor, lang)) if poles else None)


def channel_record(channel: Channel, lang: Language) -> model.Channel:
    return model.Channel(channel.id, text_record(channel.names, lang), channel.family, tuple(channel.traits),
                         _rated(channel.ratings, lang), tuple(text_record(p, lang) for p in channel.best_practices),
                         _rated(channel.extra_ratings, lang))


def weight_record(spec: WeightSpec, lang: Language) -> model.Weight:
    return model.Weight(spec.value, text_record(spec.reason, lang), _optional(spec.source, lang))


def group_split_record(split: GroupSplit, lang: Language) -> model.GroupSplit:
    return model.GroupSplit(split.client, split.enterprise, text_record(split.reason, lang),
                            _optional(split.source, lang))


def adjustment_record(item: Adjustment, lang: Language, stated_by: str | None = None) -> model.Adjustment:
    return model.Adjustment(criterion=item.criterion, rating=item.rating, reason=text_record(item.reason, lang),
                            channel=item.channel, trait=item.trait, source=_optional(item.source, lang),
                            overrides=item.overrides, stated_by=stated_by)


def extra_criterion_record(item: ExtraCriterion, lang: Language) -> model.ExtraCriterion:
    return model.ExtraCriterion(item.id, item.group, text_record(item.names, lang),
                                text_record(item.description, lang), text_record(item.source, lang),
                                _rated(item.ratings, lang))


def not_applicable_record(item: NotApplicable, lang: Language) -> model.NotApplicable:
    return model.NotApplicable(item.channel, text_record(item.reason, lang), _optional(item.source, lang))


def reference_record(item: Reference, lang: Language) -> model.Reference:
    return model.Reference(text_record(item.title, lang), item.author, item.date, item.link)


def expectation_record(item: Expectation, lang: Language, stated_by: str | None = None,
                       index: int = 0) -> model.Expectation:
    return model.Expectation(text_record(item.statement, lang), text_record(item.source, lang), item.kind,
                             tuple(item.channels) if item.channels is not None else None, item.trait, item.family,
                             item.n, item.quote, tuple(item.than) if item.than is not None else None, item.criterion,
                             item.value, _optional(item.unmet, lang), item.scope, stated_by, index)


def parent_ids(extends: str | list[str] | None) -> list[str]:
    """The profiles a file extends (``extends`` is one id or a list of them)."""
    if extends is None:
        return []
    return [extends] if isinstance(extends, str) else list(extends)

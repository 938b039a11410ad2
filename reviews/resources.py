"""Bulk import and export of the Hub's evidence through the admin, in CSV and Excel.

One row per item. Linked items are named the way researchers know them: places by ONS code or
name, themes by name or slug, policies by slug or name, references by DOI or title, several in
one cell separated by semicolons; tags are separated by commas, as in the admin. An intervention
row may carry one outcome; further rows with the same name (or slug) add further outcomes to the
same intervention. A file is imported whole
or not at all, and every import is one entry in the items' history.
"""

from collections import defaultdict

import reversion
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from import_export import fields, resources, widgets
from import_export.results import RowResult
from taggit.models import Tag

from lpip_hub import pending, publishing
from lpip_hub.publishing import Status, publish_permission
from lpip_hub.slugs import make_slug
from lpip_hub.spreadsheets import from_formula_safe
from lpip_hub.tags import SEPARATOR as TAG_SEPARATOR
from lpip_hub.tags import parse_tags, tags_to_text
from partnerships.models import Place
from reviews.models import (
    Direction,
    EvidenceStrength,
    Intervention,
    KeyConcept,
    Outcome,
    OutcomeType,
    Policy,
    PolicyLevel,
    Reference,
    Scale,
    Setting,
    Theme,
)
from reviews.money import parse_money

SEPARATOR = ";"


def _cell(value) -> str:
    """A spreadsheet cell as text: Excel gives numbers and empty cells, CSV gives strings."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return from_formula_safe(str(value).strip())


def _column(header) -> str:
    return _cell(header).lower().replace(" ", "_")


class Lookup:
    """Finds one item by any of several names, case-insensitively, with one query per import."""

    def __init__(self, queryset, keys: list[str], noun: str, described_as: str):
        self.queryset = queryset
        self.keys = keys
        self.noun = noun
        self.described_as = described_as
        self._index = None

    def index(self) -> dict[str, dict[str, list]]:
        if self._index is None:
            self._index = {key: defaultdict(list) for key in self.keys}
            for obj in self.queryset.only("pk", *self.keys):
                for key in self.keys:
                    value = getattr(obj, key)
                    if value:
                        self._index[key][str(value).strip().lower()].append(obj)
        return self._index

    def find(self, value: str):
        wanted = value.strip().lower()
        for key in self.keys:
            matches = self.index()[key].get(wanted, [])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                names = ", ".join(self.describe(obj) for obj in matches[:4])
                raise ValueError(
                    f"'{value}' matches more than one {self.noun} ({names}): "
                    f"use its {self.described_as.split(' or ')[0]}"
                )
        raise ValueError(f"no {self.noun} with {self.described_as} '{value}'")

    def describe(self, obj) -> str:
        first = getattr(obj, self.keys[0], "")
        return f"{first} {obj}" if first and str(first) != str(obj) else str(obj)


class LookupManyWidget(widgets.ManyToManyWidget):
    """Several items in one cell, separated by semicolons, each found by any of its names."""

    def __init__(self, lookup: Lookup, render_keys: tuple[str, ...]):
        super().__init__(lookup.queryset.model, separator=SEPARATOR)
        self.lookup = lookup
        self.render_keys = render_keys

    def clean(self, value, row=None, **kwargs):
        found, problems = [], []
        for part in _cell(value).split(SEPARATOR):
            if not part.strip():
                continue
            try:
                obj = self.lookup.find(part)
            except ValueError as error:
                problems.append(str(error))
            else:
                if obj not in found:
                    found.append(obj)
        if problems:
            raise ValueError("; ".join(problems))
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{SEPARATOR} ".join(self.name_of(item) for item in value.all())

    def name_of(self, item) -> str:
        """The first of the item's names that it has, e.g. its ONS code, else its name."""
        for key in self.render_keys:
            if getattr(item, key, ""):
                return str(getattr(item, key))
        return str(item)


class TagsWidget(widgets.ManyToManyWidget):
    """Tags by name, separated by commas as in the admin; new tags are made as needed."""

    def __init__(self):
        super().__init__(Tag, separator=TAG_SEPARATOR)

    def clean(self, value, row=None, **kwargs):
        tags = []
        for name in parse_tags(_cell(value)):
            tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
            if tag not in tags:
                tags.append(tag)
        return tags

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else tags_to_text(value.all())


class ChoiceWidget(widgets.Widget):
    """A choice by its stored value or its label, e.g. 'no_effect' or 'No effect'."""

    def __init__(self, choices, name: str):
        super().__init__()
        self.choices = list(choices)
        self.name = name

    def clean(self, value, row=None, **kwargs):
        text = _cell(value)
        if not text:
            return None
        wanted = text.lower().replace("_", " ")
        for stored, label in self.choices:
            if wanted in (str(stored).lower().replace("_", " "), str(label).lower()):
                return stored
        if self.name == "strength of evidence":
            # 'Level 3' or '3' for the Maryland scale.
            digits = wanted.removeprefix("level").strip()
            for stored, _label in self.choices:
                if digits == str(stored):
                    return stored
        options = ", ".join(str(label) for _, label in self.choices)
        raise ValueError(f"'{text}' is not a {self.name}: use one of {options}")

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, "")) if value not in (None, "") else ""


class MoneyWidget(widgets.DecimalWidget):
    """Whole pounds as people type them: £1.2m, £1,200,000, 1.2 million, £500k."""

    def clean(self, value, row=None, **kwargs):
        return parse_money(_cell(value) if not isinstance(value, int | float) else value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(int(value))


def choice_field(column: str, choices, name: str, attribute: str | None = None) -> fields.Field:
    return fields.Field(
        attribute=attribute or column,
        column_name=column,
        widget=ChoiceWidget(choices, name),
        saves_null_values=False,  # an empty cell keeps the default or the current value
    )


def places_lookup() -> Lookup:
    return Lookup(
        Place.objects.all(),
        ["gss_code", "name", "official_name", "slug"],
        "place",
        "ONS code or name",
    )


def themes_lookup() -> Lookup:
    return Lookup(Theme.objects.all(), ["name", "slug"], "theme", "name or slug")


def policies_lookup() -> Lookup:
    return Lookup(Policy.objects.all(), ["slug", "name"], "policy", "slug or name")


def references_lookup() -> Lookup:
    return Lookup(Reference.objects.all(), ["doi", "title", "url"], "reference", "DOI or title")


def many(column: str, lookup: Lookup, render_keys: tuple[str, ...]) -> fields.Field:
    return fields.Field(
        attribute=column, column_name=column, widget=LookupManyWidget(lookup, render_keys)
    )


def tags_field() -> fields.Field:
    return fields.Field(attribute="tags", column_name="tags", widget=TagsWidget())


class HubResource(resources.ModelResource):
    """Import rules shared by every importable model: all or nothing, recorded in history."""

    #: Columns that, left empty on a later row for the same item, repeat the first row's value.
    repeatable_columns: tuple[str, ...] = ()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.line_numbers: list[int] = []
        self.created_in_this_file: set = set()

    # Reading the file

    def before_import(self, dataset, **kwargs):
        """Tidy the file: plain column names, text cells, no empty rows, a slug for each row."""
        headers = [_column(h) for h in dataset.headers or []]
        rows, self.line_numbers = [], []
        for line, raw in enumerate(dataset, start=2):  # the header is the spreadsheet's row 1
            row = [_cell(v) for v in raw]
            if any(row):
                rows.append(row)
                self.line_numbers.append(line)
        if "slug" in self.fields and "slug" not in headers and self.name_column in headers:
            headers.append("slug")
            rows = [row + [""] for row in rows]
        if "slug" in headers and self.name_column in headers:
            slug_at, name_at = headers.index("slug"), headers.index(self.name_column)
            for row in rows:
                row[slug_at] = make_slug(row[slug_at] or row[name_at])[:255]
            self.repeat_first_rows(headers, rows, slug_at)
        dataset.wipe()
        dataset.headers = headers
        for row in rows:
            dataset.append(row)

    name_column = "name"

    def _check_import_id_fields(self, headers):
        if self.name_column not in (headers or []):
            raise ValueError(f"the file has no column called '{self.name_column}'")

    def repeat_first_rows(self, headers: list[str], rows: list[list[str]], key_at: int) -> None:
        first: dict[str, list[str]] = {}
        repeatable = [headers.index(c) for c in self.repeatable_columns if c in headers]
        for row in rows:
            if not row[key_at]:
                continue
            if row[key_at] not in first:
                first[row[key_at]] = row
                continue
            for at in repeatable:
                if not row[at]:
                    row[at] = first[row[key_at]][at]

    # Each row

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._status_before_import = None if new else getattr(instance, "status", None)
        if self._makes_pending_version(instance, kwargs):
            key = instance.pk
            self._pending_row = instance
            if key in self._pending_versions:
                # A further row for the same item builds on the pending version, not on live.
                pending.apply(instance, self._pending_versions[key][1])
            else:
                self._live_children[key] = pending.child_keys(instance)

    # Changes to published items by someone who may not publish: pending versions

    def _makes_pending_version(self, instance, options) -> bool:
        return (
            not options.get("dry_run")
            and getattr(instance, "_status_before_import", None) == Status.PUBLISHED
            and not publishing.may_publish(options.get("user"), self._meta.model)
        )

    def import_row(self, row, instance_loader, **kwargs):
        """A row changing a published item, from someone who may not publish, is saved as a
        pending version for review: the row is applied, taken as a snapshot and rolled back."""
        self._pending_row = None
        savepoint = transaction.savepoint()
        result = super().import_row(row, instance_loader, **kwargs)
        instance = self._pending_row
        if instance is None or result.import_type != result.IMPORT_TYPE_UPDATE:
            transaction.savepoint_commit(savepoint)
            return result
        changes = pending.snapshot(instance, self._live_children[instance.pk])
        transaction.savepoint_rollback(savepoint)
        self._pending_versions[instance.pk] = (instance, changes)
        return result

    def after_import_row(self, row, row_result, **kwargs):
        """A later row for an item this file creates (another outcome) is still "New"."""
        super().after_import_row(row, row_result, **kwargs)
        if row_result.import_type == RowResult.IMPORT_TYPE_NEW:
            self.created_in_this_file.add(row_result.object_id)
        elif (
            row_result.import_type == RowResult.IMPORT_TYPE_UPDATE
            and row_result.object_id in self.created_in_this_file
        ):
            row_result.import_type = RowResult.IMPORT_TYPE_NEW

    def import_instance(self, instance, row, **kwargs):
        """Read every column, links included, so a bad link is reported like any other error."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error), code="invalid")
        self.apply_publishing_rules(instance, kwargs.get("user"))
        if errors:
            raise ValidationError(errors)

    def apply_publishing_rules(self, instance, user) -> None:
        """New items are drafts unless the importing user may publish; others keep their status."""
        if not hasattr(instance, "status"):
            return
        may_publish = bool(user and user.has_perm(publish_permission(self._meta.model)))
        before = instance._status_before_import
        if not may_publish:
            if before is not None:
                instance.status = before
            elif instance.status not in (Status.DRAFT, Status.IN_REVIEW):
                instance.status = Status.DRAFT
        elif not instance.status:
            instance.status = before or Status.DRAFT
        elif instance.status == Status.PUBLISHED and before != Status.PUBLISHED:
            instance.mark_published(user)

    # The whole file

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        """All or nothing; a real import is one revision in each item's history, by the user."""
        options = {
            "dry_run": dry_run,
            "raise_errors": raise_errors,
            "use_transactions": True,
            "collect_failed_rows": collect_failed_rows,
            "rollback_on_validation_errors": True,
        }
        self._pending_versions, self._live_children = {}, {}
        if dry_run:
            return super().import_data(dataset, **options, **kwargs)
        with transaction.atomic():
            with reversion.create_revision():
                user = kwargs.get("user")
                if user is not None and user.is_authenticated:
                    reversion.set_user(user)
                name = kwargs.get("file_name") or "a file"
                reversion.set_comment(f"Imported from {name}.")
                result = super().import_data(dataset, **options, **kwargs)
            result.pending_review = 0
            if not (result.has_errors() or result.has_validation_errors()):
                for instance, changes in self._pending_versions.values():
                    live = type(instance)._default_manager.get(pk=instance.pk)
                    publishing.submit(live, user, changes=changes)
                    result.pending_review += 1
            return result

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        result.plain_errors = self.plain_errors(result)

    def line(self, number: int) -> int:
        at = number - 1
        return self.line_numbers[at] if 0 <= at < len(self.line_numbers) else number + 1

    def plain_errors(self, result) -> list[str]:
        """Every problem in the file, one sentence each, by the row number the spreadsheet shows."""
        columns = {f.attribute: f.column_name for f in self.get_import_fields()}
        messages = [f"The file: {error.error}" for error in result.base_errors]
        problems = []
        for row in result.invalid_rows:
            for name, errors in row.error_dict.items():
                column = "" if name == NON_FIELD_ERRORS else f", {columns.get(name, name)}"
                for message in errors:
                    text = str(message)
                    problems.append((row.number, f"{column}: {text[:1].lower()}{text[1:]}"))
        for row in result.error_rows:
            for error in row.errors:
                problems.append((row.number, f": could not be saved ({error.error})"))
        for number, text in sorted(problems, key=lambda p: p[0]):
            messages.append(f"Row {self.line(number)}{text.rstrip('.')}.")
        return messages


# Every intervention column but its slug, "name" first; each Welsh column after its English.
INTERVENTION_COLUMNS = [
    "name",
    "name_cy",
    "status",
    "summary",
    "summary_cy",
    "description",
    "description_cy",
    "places",
    "scale",
    "setting",
    "start_year",
    "end_year",
    "budget",
    "budget_note",
    "themes",
    "policies",
    "references",
    "tags",
    "url",
    "source",
]
OUTCOME_COLUMNS = (
    "outcome_type",
    "outcome_description",
    "direction",
    "evidence_strength",
    "outcome_reference",
)


class InterventionResource(HubResource):
    """Interventions with their places, themes, policies, references and outcomes."""

    status = choice_field("status", Status.choices, "status")
    scale = choice_field("scale", Scale.choices, "geographic scale")
    setting = choice_field("setting", Setting.choices, "setting")
    places = many("places", places_lookup(), ("gss_code", "name"))
    themes = many("themes", themes_lookup(), ("name",))
    policies = many("policies", policies_lookup(), ("name",))
    references = many("references", references_lookup(), ("doi", "title"))
    tags = tags_field()
    budget = fields.Field(attribute="budget", column_name="budget", widget=MoneyWidget())
    outcome_type = choice_field(
        "outcome_type", OutcomeType.choices, "outcome type", "imported_outcome_type"
    )
    outcome_description = fields.Field(
        attribute="imported_outcome_description",
        column_name="outcome_description",
        widget=widgets.CharWidget(),
    )
    direction = choice_field(
        "direction", Direction.choices, "direction of effect", "imported_direction"
    )
    evidence_strength = choice_field(
        "evidence_strength",
        EvidenceStrength.choices,
        "strength of evidence",
        "imported_evidence_strength",
    )
    outcome_reference = fields.Field(
        attribute="imported_outcome_reference",
        column_name="outcome_reference",
        widget=widgets.CharWidget(),
    )

    OUTCOME_COLUMNS = OUTCOME_COLUMNS
    # An outcome row repeats its intervention's columns; empty cells take the first row's values.
    repeatable_columns = tuple(INTERVENTION_COLUMNS)

    class Meta:
        model = Intervention
        import_id_fields = ["slug"]
        # The column order of the import template.
        fields = ["name", "name_cy", "slug", *INTERVENTION_COLUMNS[2:], *OUTCOME_COLUMNS]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.outcome_references = references_lookup()

    def iter_queryset(self, queryset):
        """One row per outcome, as the import reads them; an intervention without any, one row."""
        for intervention in super().iter_queryset(queryset):
            outcomes = list(intervention.outcomes.all())
            for outcome in outcomes or [None]:
                self.set_exported_outcome(intervention, outcome)
                yield intervention

    @staticmethod
    def set_exported_outcome(intervention, outcome) -> None:
        reference = outcome.reference if outcome else None
        values = {
            "imported_outcome_type": outcome.outcome_type if outcome else None,
            "imported_outcome_description": outcome.description if outcome else "",
            "imported_direction": outcome.direction if outcome else None,
            "imported_evidence_strength": outcome.evidence_strength if outcome else None,
            "imported_outcome_reference": ((reference.doi or reference.title) if reference else ""),
        }
        for name, value in values.items():
            setattr(intervention, name, value)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        errors.update(self.check_outcome(instance))
        if errors:
            raise ValidationError(errors)

    def check_outcome(self, instance) -> dict:
        """An outcome needs a type and what happened; its reference must exist."""
        given = {
            "outcome_type": getattr(instance, "imported_outcome_type", None),
            "outcome_description": getattr(instance, "imported_outcome_description", None),
            "direction": getattr(instance, "imported_direction", None),
            "evidence_strength": getattr(instance, "imported_evidence_strength", None),
            "outcome_reference": getattr(instance, "imported_outcome_reference", None),
        }
        instance.imported_outcome = None
        if all(value in (None, "") for value in given.values()):
            return {}
        errors = {}
        if not given["outcome_type"]:
            errors["imported_outcome_type"] = "give the outcome type for this row's outcome"
        if not given["outcome_description"]:
            errors["imported_outcome_description"] = "say what happened for this row's outcome"
        reference = None
        if given["outcome_reference"]:
            try:
                reference = self.outcome_references.find(given["outcome_reference"])
            except ValueError as error:
                errors["imported_outcome_reference"] = str(error)
        if not errors:
            instance.imported_outcome = {
                "outcome_type": given["outcome_type"],
                "description": given["outcome_description"],
                "direction": given["direction"] or Direction.NOT_KNOWN,
                "evidence_strength": given["evidence_strength"]
                if given["evidence_strength"] is not None
                else EvidenceStrength.NOT_EVALUATED,
                "reference": reference,
            }
        return {key: ValidationError(message) for key, message in errors.items()}

    def existing_outcome(self, instance):
        outcome = instance.imported_outcome
        if not outcome or instance.pk is None:
            return None
        return instance.outcomes.filter(
            outcome_type=outcome["outcome_type"], description=outcome["description"]
        ).first()

    def skip_row(self, instance, original, row, import_validation_errors=None):
        outcome = getattr(instance, "imported_outcome", None)
        if outcome:
            current = self.existing_outcome(instance)
            if current is None or any(
                getattr(current, key) != value for key, value in outcome.items()
            ):
                return False
        # The outcome columns are not stored on the intervention: they cannot differ from it.
        for column in self.OUTCOME_COLUMNS:
            field = self.fields[column]
            setattr(original, field.attribute, getattr(instance, field.attribute, None))
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        """Add the row's outcome, or update the one with the same type and description."""
        outcome = getattr(instance, "imported_outcome", None)
        if not outcome:
            return
        current = self.existing_outcome(instance)
        if current is None:
            Outcome.objects.create(intervention=instance, **outcome)
            return
        for key, value in outcome.items():
            setattr(current, key, value)
        current.save()


class PolicyResource(HubResource):
    status = choice_field("status", Status.choices, "status")
    level = choice_field("level", PolicyLevel.choices, "policy level")
    places = many("places", places_lookup(), ("gss_code", "name"))
    themes = many("themes", themes_lookup(), ("name",))
    references = many("references", references_lookup(), ("doi", "title"))
    tags = tags_field()

    class Meta:
        model = Policy
        import_id_fields = ["slug"]
        fields = [
            "name",
            "name_cy",
            "slug",
            "status",
            "level",
            "summary",
            "summary_cy",
            "description",
            "description_cy",
            "places",
            "lead_body",
            "start_year",
            "end_year",
            "themes",
            "references",
            "tags",
            "url",
            "source",
        ]
        skip_unchanged = True
        clean_model_instances = True
        use_transactions = True


class KeyConceptResource(HubResource):
    name_column = "term"
    status = choice_field("status", Status.choices, "status")
    themes = many("themes", themes_lookup(), ("name",))
    references = many("references", references_lookup(), ("doi", "title"))
    tags = tags_field()

    class Meta:
        model = KeyConcept
        import_id_fields = ["slug"]
        fields = [
            "term",
            "term_cy",
            "slug",
            "status",
            "definition",
            "definition_cy",
            "themes",
            "references",
            "tags",
        ]
        skip_unchanged = True
        clean_model_instances = True
        use_transactions = True


class ReferenceResource(HubResource):
    """References, matched to ones already held by DOI, else by title."""

    name_column = "title"

    class Meta:
        model = Reference
        import_id_fields = ["doi", "title"]
        fields = ["authors", "year", "title", "publisher", "volume", "issue", "pages", "doi", "url"]
        skip_unchanged = True
        clean_model_instances = True
        use_transactions = True

    def get_instance(self, instance_loader, row):
        doi = _cell(row.get("doi")).lower()
        title = _cell(row.get("title"))
        if doi:
            return Reference.objects.filter(doi__iexact=doi).first()
        if title:
            return Reference.objects.filter(doi="", title__iexact=title).first()
        return None

    def _check_import_id_fields(self, headers):
        for column in ("title", "authors"):
            if column not in (headers or []):
                raise ValueError(f"the file has no column called '{column}'")

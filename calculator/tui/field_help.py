"""One line for each case fact the case pane shows, with the provision it feeds: shown on the
status line as the cursor reaches the row, and in the edit dialog. Words only: the engine applies
the law (calculator.engine); these say where to look. Sources: the 2025 Guidelines Manual as
summarised in the project's legal reference (guidelines.md §2, §6; statutes.md)."""

from __future__ import annotations

FIELD_HELP: dict[str, str] = {
    # [conduct]
    "images": "images in relevant conduct: USSG §2G2.2(b)(7) +2 (10-149), +3 (150-299), +4 (300-599), +5 (600 or more)",
    "videos": "each video counts as 75 images (USSG §2G2.2 comment. n.6(B)(ii)), added to the images for §2G2.2(b)(7)",
    "prepubescent": "material involving a prepubescent minor or a minor under 12: +2 (USSG §2G2.2(b)(2))",
    "sadistic": "sadistic or masochistic conduct or other depictions of violence: +4 (USSG §2G2.2(b)(4)(A))",
    "infant_or_toddler": "sexual abuse or exploitation of an infant or toddler: +4 (USSG §2G2.2(b)(4)(B)); bars §3A1.1(b)",
    "distribution": "the kind of distribution, the greatest applying (USSG §2G2.2(b)(3)(A)-(F)); Enter lists them",
    "retail_value": "retail value of the material, for distribution for pecuniary gain (USSG §2G2.2(b)(3)(A), §2B1.1's table)",
    "computer": "use of a computer or interactive computer service: +2 (USSG §2G2.2(b)(6))",
    "pattern_of_abuse": "a pattern of activity involving the sexual abuse or exploitation of a minor: +5 (USSG §2G2.2(b)(5)); also §4B1.5(b) unless set below",
    "receipt_only": "conduct limited to receipt or solicitation, no intent to traffic or distribute: -2 (USSG §2G2.2(b)(1))",
    "obstruction": "obstructing or impeding the administration of justice: +2 (USSG §3C1.1)",
    "vulnerable_victim": "a vulnerable victim: +2 (USSG §3A1.1(b)(1)); not with the infant/toddler enhancement",
    "abuse_of_trust": "abuse of a position of trust or use of a special skill: +2 (USSG §3B1.3)",
    "identified_victims": "identified victims who may seek restitution: at least $3,000 each (18 U.S.C. § 2259(b)(2)(B))",
    "pattern_prohibited_sexual_conduct": "§4B1.5(b)'s pattern of activity involving prohibited sexual conduct (comment. n.4); unset: follows pattern of abuse",
    "production_involved": "a chapter 109A or 117 offense that involved producing child pornography (18 U.S.C. § 2259(c)(1)): § 2259A's $50,000",
    "enterprise_series": "the 18 U.S.C. § 2252A(g) series: production or trafficking (§ 2259(c)), for § 2259A's cap",
    # [defendant]
    "criminal_history_points": "Chapter Four Part A points before status points (USSG §4A1.1(a)-(d))",
    "under_sentence_at_offense": "under a criminal-justice sentence at the offense: 1 status point with 7 or more points (USSG §4A1.1(e))",
    "registered_sex_offender": "required to register at the offense: 18 U.S.C. § 2260A, § 3583(k)",
    "indigent": "18 U.S.C. § 3014's assessment applies to non-indigent defendants only",
    "presentence_custody_days": "days in custody before sentencing, credited under 18 U.S.C. § 3585(b)",
    # the case
    "title": "the caption; left out of exports unless --with-names",
    "offense_date": "the last day of the offense: which statute text and which Manual apply (ex post facto; USSG §1B1.11)",
    "sentencing_date": "picks the Guidelines Manual (USSG §1B1.11(a)); sets § 3014 and release dates",
}

DISTRIBUTION_HELP: dict[str, str] = {
    "none": "no distribution",
    "knowing": "(F) knowingly engaged in distribution, other than (A)-(E): +2",
    "exchange": "(B) in exchange for valuable consideration, not pecuniary gain: +5",
    "to-minor": "(C) distribution to a minor: +5",
    "to-minor-illegal": "(D) to a minor, to persuade or entice any illegal activity other than (E): +6",
    "to-minor-sexual": "(E) to a minor, to persuade, entice or facilitate travel for prohibited sexual conduct: +7",
    "pecuniary": "(A) for pecuniary gain: levels by the retail value (§2B1.1's table), at least 5",
}


def field_help(key: str) -> str:
    return FIELD_HELP.get(key, "")


def distribution_choices(kinds) -> list[tuple[str, str]]:
    """(value, 'value  -  USSG §2G2.2(b)(3)(X) what it is: levels') for the distribution dialog."""
    return [(k, f"{k:<17} {DISTRIBUTION_HELP.get(k, '')}") for k in kinds]

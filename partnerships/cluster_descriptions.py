"""The ONS's descriptions of its clusters of similar councils, marked for translation.

They are stored as loaded from reference_data/similar_places/cluster-descriptions.json (English)
and shown through PlaceCluster.description_in_language, which looks them up in the catalogue.
"""

from django.utils.translation import gettext_noop

CLUSTER_DESCRIPTIONS = (
    # global, cluster A
    gettext_noop(
        "Local authorities in this cluster have a high dependency ratio, high percentage of "
        "residents who are not religious, high personal wellbeing and high greenhouse gas "
        "emissions. These areas have low digital connectivity and a low percentage of employment "
        "in services. This cluster is made up of remote, rural areas and is most prevalent in "
        "Wales, Scotland and the South West."
    ),
    # global, cluster B
    gettext_noop(
        "Local authorities in this cluster have a high percentage of children in relative poverty "
        "and high level of gigabit capable broadband availability. These areas have a below "
        "average employment rate, a low rate of active businesses and a lower rate of housing "
        "completions. This cluster is made up of largely urban areas, including many coastal "
        "towns, and is most prevalent across the North, Midlands, South Wales and Northern "
        "Ireland."
    ),
    # global, cluster C
    gettext_noop(
        "Local authorities in this cluster have the fastest growing population, a high employment "
        "rate and a high rate of housing completions. These areas are low for guest nights "
        "stayed, percentage of children in relative poverty and have a low proportion of private "
        "renters. This cluster contains a mix of rural and urban areas and is generally situated "
        "in the commuter belt around major urban settlements; this cluster is most prevalent in "
        "the East and South East of England."
    ),
    # global, cluster D
    gettext_noop(
        "Local authorities in this cluster have a high percentage of employment in services, a "
        "high proportion of households that are renting privately and generally high results in "
        "the core economic indicators in the model including, high-growth businesses, active "
        "businesses, gross value added and gross median weekly pay. These areas are more "
        "ethnically diverse, have a low proportion of residents who are not religious and a low "
        "dependency ratio. Most of these areas in this cluster are London local authorities, with "
        "a small number of other urban centres across the UK also present."
    ),
    # economic, cluster A
    gettext_noop(
        "Local authorities in this cluster have a high percentage of children in relative "
        "poverty, low rate of active businesses, low gross median weekly pay, low employment "
        "rate, low gross value added per hour worked and a low rate of housing completions. This "
        "cluster contains a mix of rural and urban areas and is most prevalent in Wales, the "
        "North East and Yorkshire and The Humber."
    ),
    # economic, cluster B
    gettext_noop(
        "Local authorities in this cluster have a high rate of housing completions and a high "
        "percentage of employment in construction. These areas have a low percentage of "
        "employment in services, a low proportion of private renters and a low proportion of high "
        "growth businesses. This cluster contains a mixture of rural and urban areas and is most "
        "prevalent in Scotland, the Midlands and the South West."
    ),
    # economic, cluster C
    gettext_noop(
        "Local authorities in this cluster have a high employment rate, high gross value added "
        "and above average gross median weekly pay. These areas have a low percentage of children "
        "in relative poverty and lower than average proportion of private renters. This cluster "
        "contains a mix of rural and urban areas and is generally situated in the commuter belt "
        "around major urban settlements; this cluster is most prevalent in the East and South "
        "East of England."
    ),
    # economic, cluster D
    gettext_noop(
        "Local authorities in this cluster have a high rate of active businesses, a high "
        "percentage of employment in services, more high growth businesses and high gross median "
        "weekly pay. These areas have a low proportion of private renters and a low percentage of "
        "employment in construction. Most of these areas in this cluster are London local "
        "authorities, with a small number of other urban centres across the UK also present."
    ),
    # demographic, cluster A
    gettext_noop(
        "Local authorities in this cluster are more ethnically diverse, have a low dependency "
        "ratio, a low percentage of residents who are not religious and an above average total "
        "population. Most of these areas in this cluster are London local authorities, with a "
        "small number of other urban centres across the UK also present."
    ),
    # demographic, cluster B
    gettext_noop(
        "Local authorities in this cluster have a high total population, above average population "
        "growth and are more ethnically diverse than average. This cluster contains a mix of "
        "rural and urban areas and is most prevalent in the North West and Yorkshire and The "
        "Humber."
    ),
    # demographic, cluster C
    gettext_noop(
        "Local authorities in this cluster have high population growth, an above average "
        "dependency ratio and a low total population. This cluster contains a mix of rural and "
        "urban areas and is most prevalent in the South East and East of England."
    ),
    # demographic, cluster D
    gettext_noop(
        "Local authorities in this cluster have a high percentage of white residents, a high "
        "proportion of residents who are not religious, low population growth and a low total "
        "population. This cluster is largely made up of rural areas and is most prevalent in "
        "Wales, Scotland and Northern Ireland."
    ),
)

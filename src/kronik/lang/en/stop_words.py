"""Frequent English function words (language id, cohesion scores)."""

STOP_WORDS = frozenset(
    """
    a about after all also an and any are as at be because been before being but by can could did do
    does during each for from had has have he her his how if in into is it its just more most my no
    not of on one only or other our out over said she should so some such than that the their them
    then there these they this those through to under up was we were what when where which while who
    will with would you your
    """.split()
)

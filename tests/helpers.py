from interchange.walk import dataset_indicators


def indicators_of(data):
    """The indicator dicts of a dataset document, in order."""
    return (indicator for _path, indicator in dataset_indicators(data))

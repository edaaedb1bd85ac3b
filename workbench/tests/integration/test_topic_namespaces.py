"""A test's topics live as long as the test: the broker of a worker holds one test's topics at a time. Left in
place, they piled up (14 a test) and each topic request of a later test slowed down with them."""

from shared.config import BaseServiceSettings
from shared.kafka import make_admin
from shared.topics import all_topics
from workbench.testing.fixtures import topic_namespace


def topics(broker) -> set[str]:
    admin = make_admin(BaseServiceSettings(kafka_bootstrap_servers=broker.bootstrap, service_name="tests"))
    try:
        return set(admin.list_topics())
    finally:
        admin.close()


def test_a_namespaces_topics_are_made_on_entering_and_all_deleted_on_leaving(broker):
    with topic_namespace(broker) as prefix:
        made = {topic for topic in topics(broker) if topic.startswith(prefix)}
        assert made == set(all_topics(prefix))

    assert not {topic for topic in topics(broker) if topic.startswith(prefix)}


def test_the_topics_of_a_namespace_left_by_an_error_are_deleted_too(broker):
    prefix = ""
    try:
        with topic_namespace(broker) as prefix:
            raise RuntimeError("the test failed")
    except RuntimeError:
        pass

    assert prefix and not {topic for topic in topics(broker) if topic.startswith(prefix)}

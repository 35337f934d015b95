from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Still Argon2id, with a test-sized cost so hundreds of users hash in milliseconds."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1

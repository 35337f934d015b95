from django.core.management.base import BaseCommand, CommandError

from tradeloom.catalog.generator import generate


class Command(BaseCommand):
    help = (
        "Add a synthetic multilingual catalogue of live products for benchmarks "
        "(bulk inserts; never run it on a marketplace with real data)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=100_000)
        parser.add_argument("--suppliers", type=int, default=1_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=2_000)

    def handle(self, *args, products: int, suppliers: int, seed: int, batch: int, **options):
        if products < 0 or suppliers < 1 or batch < 1:
            raise CommandError("--products must be 0 or more, --suppliers and --batch 1 or more.")
        step = max(batch, products // 20)
        shown = [0]

        def progress(done: int, total: int) -> None:
            if done // step > shown[0] or done == total:
                shown[0] = done // step
                self.stdout.write(f"  {done:,} / {total:,} products")

        report = generate(products, suppliers, seed=seed, batch_size=batch, progress=progress)
        self.stdout.write(
            f"Generated {report.products:,} live products ({report.rows:,} rows) across "
            f"{report.suppliers:,} suppliers in {report.seconds:.1f} s "
            f"({report.products / max(report.seconds, 1e-9):,.0f} products/s)."
        )

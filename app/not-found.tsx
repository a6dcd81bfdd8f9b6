import Link from "next/link";

export default function NotFound() {
  return (
    <main className="main" id="main">
      <h1>Not found</h1>
      <p>Nothing lives at this address. <Link href="/">Back to the overview</Link>.</p>
    </main>
  );
}

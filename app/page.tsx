export default function Home() {
  return <main className="p-8">Upload page coming.</main>;
}

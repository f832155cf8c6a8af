export default function PropertyNotFound() {
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white px-6 py-10 text-center shadow-sm">
        <p className="text-sm font-medium text-slate-500">404</p>
        <h1 className="mt-2 text-xl font-semibold text-slate-900">This property page is not available</h1>
        <p className="mt-2 text-sm text-slate-500">The listing may have been withdrawn, or the link may be mistyped. Check the link you were sent.</p>
      </div>
    </div>
  );
}

// Departments (a flat list with parent ids) as a tree for display, and the set below one of
// them, which may not become its parent.
export interface DepartmentLike { id: number; code: string; name: string; parent_id: number | null; head_display_name?: string | null }
export interface TreeNode { key: number; title: string; children: TreeNode[] }

export function departmentTree(list: DepartmentLike[]): TreeNode[] {
  const nodes = new Map<number, TreeNode>();
  for (const d of list) {
    nodes.set(d.id, { key: d.id, title: d.head_display_name ? `${d.name} · ${d.head_display_name}` : d.name, children: [] });
  }
  const roots: TreeNode[] = [];
  for (const d of list) {
    const parent = d.parent_id !== null ? nodes.get(d.parent_id) : undefined;
    // A parent outside the list (another company's, or removed) makes the department a root.
    (parent ? parent.children : roots).push(nodes.get(d.id)!);
  }
  const byName = (a: TreeNode, b: TreeNode) => a.title.localeCompare(b.title);
  const sort = (ns: TreeNode[]) => { ns.sort(byName); ns.forEach((n) => sort(n.children)); };
  sort(roots);
  return roots;
}

/** The department itself and everything below it. */
export function descendants(list: DepartmentLike[], id: number): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of list) {
      if (d.parent_id !== null && out.has(d.parent_id) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
    }
  }
  return out;
}

import { buildCategoryTree, type Category } from '../../content/index.js';
import { jsx } from '../../lib/jsx.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome, SelectOption } from './admin-model.js';
import { FormStatus, SelectField, TextField } from './form-fields.js';

const c = am.categories;

/** Where a category may go: the top level, or under another top-level category (two levels at most). */
function parentOptions(topLevel: Category[], self?: Category): SelectOption[] {
  return [{ value: '', label: c.noParent }, ...topLevel.filter((p) => p.id !== self?.id).map((p) => ({ value: String(p.id), label: p.name }))];
}

function CategoryRow({ category, topLevel, child }: { category: Category; topLevel: Category[]; child: boolean }) {
  const id = (name: string) => `c${category.id}-${name}`;
  return (
    <li class={child ? 'category category--child' : 'category'}>
      <form class="category__form" data-api-form data-method="PATCH" data-url={`/api/admin/categories/${category.id}`} data-after="reload" novalidate>
        <p class="category__address">{c.address(category.slug)}</p>
        <div class="category__fields">
          <TextField id={id('name')} name="name" label={c.name} value={category.name} required maxLength={30} />
          <SelectField id={id('parent')} name="parentId" label={c.parent} value={category.parentId} options={parentOptions(topLevel, category)} dataType="int-or-null" />
          <TextField id={id('position')} name="position" label={c.position} value={category.position} type="number" min={0} max={10000} inputMode="numeric" dataType="int" />
        </div>
        <div class="button-row">
          <button type="submit" class="button">
            {c.save}
          </button>
          <button
            type="button"
            class="button button--danger"
            data-api-call
            data-method="DELETE"
            data-url={`/api/admin/categories/${category.id}`}
            data-confirm={am.form.confirmDelete(category.name)}
          >
            {c.delete}
            <span class="visually-hidden">{category.name}</span>
          </button>
        </div>
        <FormStatus />
      </form>
    </li>
  );
}

export function CategoriesPage({ chrome, categories }: { chrome: AdminChrome; categories: Category[] }) {
  const tree = buildCategoryTree(categories);
  return (
    <AdminLayout chrome={chrome}>
      <p>{c.intro}</p>
      <form class="card" data-api-form data-method="POST" data-url="/api/admin/categories" data-after="reload" novalidate>
        <h2 class="card__title">{c.create}</h2>
        <TextField id="new-slug" name="slug" label={c.slug} hint={c.slugHint} value="" required maxLength={60} autoComplete="off" />
        <TextField id="new-name" name="name" label={c.name} value="" required maxLength={30} />
        <SelectField id="new-parent" name="parentId" label={c.parent} value="" options={parentOptions(tree.topLevel)} dataType="int-or-null" />
        <TextField id="new-position" name="position" label={c.position} value={0} type="number" min={0} max={10000} inputMode="numeric" dataType="int" />
        <button type="submit" class="button button--primary">
          {c.add}
        </button>
        <FormStatus />
      </form>
      {tree.topLevel.length === 0 ? (
        <p class="empty">{c.empty}</p>
      ) : (
        <ul class="categories">
          {tree.topLevel.flatMap((top) => [
            <CategoryRow key={top.id} category={top} topLevel={tree.topLevel} child={false} />,
            ...top.children.map((child) => <CategoryRow key={child.id} category={child} topLevel={tree.topLevel} child />),
          ])}
        </ul>
      )}
    </AdminLayout>
  );
}

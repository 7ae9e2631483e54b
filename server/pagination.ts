/** Previous and next links of a paged result, shared by the search and quotes pages. */
export interface Pagination {
  previous: string | null;
  next: string | null;
  page: number;
  totalPages: number;
}

/** `hrefWithPage` gets the `page` parameter's value: null for the first page, whose address has none. */
export function pagination(
  { page, totalPages }: { page: number; totalPages: number },
  hrefWithPage: (page: string | null) => string,
): Pagination {
  const href = (target: number) => hrefWithPage(target > 1 ? String(target) : null);
  return {
    page,
    totalPages,
    previous: page > 1 ? href(page - 1) : null,
    next: page < totalPages ? href(page + 1) : null,
  };
}

// Word lists for aliases. (Being filled: at least 256 × 256 = 65,536 combinations are required.)
export const ADJECTIVES: readonly string[] = ['Teal', 'Amber', 'Quiet', 'Brisk'];
export const NOUNS: readonly string[] = ['Heron', 'Otter', 'Maple', 'Comet'];

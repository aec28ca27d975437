import Segq
